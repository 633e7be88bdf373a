import { RetrievekitError } from '@retrievekit/core';
import type { WeightDtype, WeightMap } from '../graph/weights.js';
import { assertShape, DTYPE_BYTES, elementCount, typedArrayFromBytes, typedArrayOfBytes } from './dtype.js';

/** Largest JSON header accepted, in bytes (the limit of the reference `safetensors` implementation). */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

const DTYPES: Readonly<Record<string, WeightDtype>> = {
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  I8: 'int8',
  U8: 'uint8',
  I32: 'int32',
  I64: 'int64',
};

/** What {@link parseSafetensors} returns. */
export interface SafetensorsFile {
  /** The tensors, keyed by the names in the header. */
  tensors: WeightMap;
  /** The free-form `__metadata__` string map of the header (empty when absent). */
  metadata: Record<string, string>;
}

/** Options of {@link parseSafetensors} and `parsePytorchCheckpoint`. */
export interface ParseWeightsOptions {
  /**
   * Copy every tensor into its own typed array (default true). With `false`, aligned tensors are views
   * into the file bytes (no second copy of the weights in memory); the caller must then leave those
   * bytes untouched for as long as the tensors are used.
   */
  copy?: boolean;
}

function corrupt(file: string, field: string | undefined, detail: string): RetrievekitError {
  return new RetrievekitError('CORRUPT_DATA', detail, {
    where: field === undefined ? { file } : { file, field },
    hint: 'the safetensors file is damaged or truncated; download it again',
  });
}

function readHeader(bytes: Uint8Array, file: string): Record<string, unknown> {
  if (bytes.length < 8)
    throw corrupt(file, undefined, `file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getBigUint64(0, true);
  if (headerBytes > BigInt(SAFETENSORS_MAX_HEADER_BYTES)) {
    throw corrupt(
      file,
      undefined,
      `header length ${headerBytes} exceeds the ${SAFETENSORS_MAX_HEADER_BYTES}-byte limit`,
    );
  }
  const length = Number(headerBytes);
  if (8 + length > bytes.length) {
    throw corrupt(
      file,
      undefined,
      `header length ${length} runs past the end of the ${bytes.length}-byte file`,
    );
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length));
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (cause) {
    throw new RetrievekitError('CORRUPT_DATA', 'header is not valid JSON', {
      where: { file },
      hint: 'the file is not a safetensors file or is damaged',
      cause,
    });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw corrupt(file, undefined, 'header is not a JSON object');
  }
  return header as Record<string, unknown>;
}

/**
 * Parses a safetensors file held in memory: an 8-byte little-endian header length, a JSON header
 * `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: {...} }`, then the raw bytes.
 *
 * Offsets are validated (inside the data section, `end - begin` equal to the shape's byte size, no two
 * tensors overlapping). Tensors are copied into fresh typed arrays, or with `{ copy: false }` are views
 * into `bytes` where aligned. Supported dtypes: F32, F16, BF16, I8, U8, I32, I64; others throw
 * `UNSUPPORTED`.
 *
 * @param bytes - the whole file
 * @param file - name used in error messages
 * @param options - `copy: false` for zero-copy views
 */
export function parseSafetensors(
  bytes: Uint8Array,
  file = 'model.safetensors',
  options: ParseWeightsOptions = {},
): SafetensorsFile {
  const toTyped = options.copy === false ? typedArrayOfBytes : typedArrayFromBytes;
  const header = readHeader(bytes, file);
  const dataStart = 8 + Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  const dataLength = bytes.length - dataStart;
  const tensors: WeightMap = new Map();
  const metadata: Record<string, string> = {};
  const spans: Array<[number, number, string]> = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (
        typeof entry !== 'object' ||
        entry === null ||
        !Object.values(entry).every((v) => typeof v === 'string')
      ) {
        throw corrupt(file, name, '__metadata__ is not a map of strings');
      }
      Object.assign(metadata, entry);
      continue;
    }
    if (typeof entry !== 'object' || entry === null)
      throw corrupt(file, name, 'tensor entry is not an object');
    const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
    const weightDtype = typeof dtype === 'string' ? DTYPES[dtype] : undefined;
    if (weightDtype === undefined) {
      throw new RetrievekitError('UNSUPPORTED', `tensor dtype ${JSON.stringify(dtype)} is not supported`, {
        where: { file, field: name },
        hint: `supported: ${Object.keys(DTYPES).join(', ')}`,
      });
    }
    assertShape(shape, { file, field: name });
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)
    ) {
      throw corrupt(
        file,
        name,
        `data_offsets ${JSON.stringify(offsets)} is not a pair of non-negative integers`,
      );
    }
    const [begin, end] = offsets as [number, number];
    const elements = elementCount(shape);
    const expected = elements * DTYPE_BYTES[weightDtype];
    if (end < begin || end > dataLength) {
      throw corrupt(
        file,
        name,
        `data_offsets [${begin}, ${end}] fall outside the ${dataLength}-byte data section`,
      );
    }
    if (end - begin !== expected) {
      throw corrupt(
        file,
        name,
        `data_offsets span ${end - begin} bytes but shape [${shape.join(', ')}] of ${dtype} needs ${expected}`,
      );
    }
    spans.push([begin, end, name]);
    tensors.set(name, {
      dtype: weightDtype,
      shape,
      data: toTyped(weightDtype, bytes, dataStart + begin, elements),
    });
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    const previous = spans[i - 1];
    const current = spans[i];
    if (previous !== undefined && current !== undefined && current[0] < previous[1]) {
      throw corrupt(file, current[2], `tensor bytes overlap those of "${previous[2]}"`);
    }
  }
  return { tensors, metadata };
}
