import type { ErrorLocation } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import type { WeightDtype, WeightTensor } from '../graph/weights.js';

/** Bytes per element of each {@link WeightDtype}. */
export const DTYPE_BYTES: Readonly<Record<WeightDtype, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  int8: 1,
  uint8: 1,
  int32: 4,
  int64: 8,
};

/** Number of elements of a tensor of this shape (1 for a scalar). */
export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

function typedArrayOver(dtype: WeightDtype, buffer: ArrayBufferLike, byteOffset: number, elements: number) {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, byteOffset, elements);
    case 'float16':
    case 'bfloat16':
      return new Uint16Array(buffer, byteOffset, elements);
    case 'int8':
      return new Int8Array(buffer, byteOffset, elements);
    case 'uint8':
      return new Uint8Array(buffer, byteOffset, elements);
    case 'int32':
      return new Int32Array(buffer, byteOffset, elements);
    case 'int64':
      return new BigInt64Array(buffer, byteOffset, elements);
  }
}

/**
 * Copies `elements` little-endian values of the dtype starting at `byteOffset` of `bytes` into a fresh
 * typed array (a copy, so the result is aligned and independent of the file buffer).
 */
export function typedArrayFromBytes(
  dtype: WeightDtype,
  bytes: Uint8Array,
  byteOffset: number,
  elements: number,
): WeightTensor['data'] {
  // A real copy even for a Node Buffer, whose slice() is a view into a shared pool.
  const copy = new Uint8Array(elements * DTYPE_BYTES[dtype]);
  copy.set(bytes.subarray(byteOffset, byteOffset + copy.length));
  return typedArrayOver(dtype, copy.buffer, 0, elements);
}

/**
 * Like {@link typedArrayFromBytes} but without a copy when it can: a typed-array view into `bytes`'s
 * buffer when the data is aligned to the element size (it then shares memory with `bytes`, which the
 * caller must not modify or reuse), a copy otherwise.
 */
export function typedArrayOfBytes(
  dtype: WeightDtype,
  bytes: Uint8Array,
  byteOffset: number,
  elements: number,
): WeightTensor['data'] {
  const at = bytes.byteOffset + byteOffset;
  if (at % DTYPE_BYTES[dtype] !== 0) return typedArrayFromBytes(dtype, bytes, byteOffset, elements);
  return typedArrayOver(dtype, bytes.buffer, at, elements);
}

/** Checks that a shape is a list of non-negative safe integers; throws `CORRUPT_DATA` otherwise. */
export function assertShape(shape: unknown, where: ErrorLocation): asserts shape is number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new RetrievekitError('CORRUPT_DATA', `invalid tensor shape ${JSON.stringify(shape)}`, {
      where,
      hint: 'a shape is a list of non-negative integers; the file is damaged or not a checkpoint',
    });
  }
}
