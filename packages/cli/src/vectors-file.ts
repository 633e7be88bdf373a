import { readFile } from 'node:fs/promises';
import type { DenseBatch } from '@retrievekit/core';
import { createDenseBatch, RetrievekitError } from '@retrievekit/core';
import { assertInputFile } from './input-file.js';
import { parseNpy } from './npy-reader.js';

/**
 * Reads query vectors: a `.npy` file (2-D float32; `dim` optional and, when given, checked) or a raw
 * little-endian float32 file of `rows x dim` values (`dim` required). Non-finite values are an error.
 */
export async function readVectorsFile(path: string, dim: number | undefined): Promise<DenseBatch> {
  assertInputFile(path, '--vectors');
  const bytes = await readFile(path);
  let batch: DenseBatch;
  if (path.toLowerCase().endsWith('.npy')) {
    const { data, rows, cols } = parseNpy(bytes, path);
    if (dim !== undefined && dim !== cols)
      throw new RetrievekitError('DIMENSION_MISMATCH', `vectors have ${cols} dimensions, --dim says ${dim}`, {
        where: { file: path },
      });
    batch = createDenseBatch(data, rows, cols);
  } else {
    if (dim === undefined)
      throw new RetrievekitError('INVALID_ARGUMENT', 'a raw float32 file needs --dim', {
        where: { field: '--dim' },
        hint: 'pass the vector size, e.g. --dim 768, or give a .npy file',
      });
    if (bytes.length % (4 * dim) !== 0)
      throw new RetrievekitError(
        'CORRUPT_DATA',
        `${bytes.length} bytes is not a whole number of ${dim}-float rows`,
        {
          where: { file: path },
          hint: 'the file must be little-endian float32, rows x --dim values, no header',
        },
      );
    const data = new Float32Array(bytes.length / 4);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(4 * i, true);
    batch = createDenseBatch(data, data.length / dim, dim);
  }
  const bad = batch.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new RetrievekitError(
      'NON_FINITE',
      `value ${batch.data[bad]} in vector ${Math.floor(bad / batch.dim)}`,
      {
        where: { file: path, index: Math.floor(bad / batch.dim) },
      },
    );
  return batch;
}
