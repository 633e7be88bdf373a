import { RetrievekitError } from '@retrievekit/core';

/** A 2-D float32 matrix read from a `.npy` file. */
export interface NpyMatrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function corrupt(file: string, detail: string, hint?: string): RetrievekitError {
  return new RetrievekitError('CORRUPT_DATA', detail, {
    where: { file },
    hint: hint ?? 'write it with numpy.save(path, vectors.astype("<f4")) (a C-ordered 2-D float32 array)',
  });
}

/**
 * Parses a NumPy `.npy` file (format versions 1.0, 2.0, 3.0) holding a C-ordered 2-D little-endian
 * float32 array (`descr '<f4'`, `fortran_order False`, `shape (n, d)`). Strict: any other dtype, order
 * or rank, or a data length that disagrees with the shape, is `CORRUPT_DATA` naming the file.
 */
export function parseNpy(bytes: Uint8Array, file: string): NpyMatrix {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
    throw corrupt(file, 'not a .npy file (bad magic)');
  const major = bytes[6] as number;
  if (major < 1 || major > 3) throw corrupt(file, `unsupported .npy format version ${major}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > bytes.length) throw corrupt(file, 'truncated .npy header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(8 + lengthBytes, dataStart),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined)
    throw corrupt(file, `unreadable .npy header ${JSON.stringify(header.trim())}`);
  if (descr !== '<f4') throw corrupt(file, `dtype is ${descr}, expected float32 ('<f4')`);
  if (fortran !== 'False') throw corrupt(file, 'array is Fortran-ordered, expected C order');
  const dims = shape
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (dims.length !== 2 || dims.some((d) => !/^\d+$/.test(d)))
    throw corrupt(file, `shape is (${shape}), expected 2 dimensions (queries, dim)`);
  const rows = Number(dims[0]);
  const cols = Number(dims[1]);
  const expected = rows * cols * 4;
  if (bytes.length - dataStart !== expected)
    throw corrupt(
      file,
      `holds ${bytes.length - dataStart} data bytes, shape (${rows}, ${cols}) needs ${expected}`,
    );
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(dataStart + 4 * i, true);
  return { data, rows, cols };
}
