import { RetrievekitError } from '@retrievekit/core';
import type { WeightDtype, WeightTensor } from '../graph/weights.js';
import { DTYPE_BYTES, elementCount, typedArrayFromBytes, typedArrayOfBytes } from './dtype.js';

/** A strided view of a storage's raw bytes, as `torch._utils._rebuild_tensor_v2` describes it. */
export interface StridedView {
  dtype: WeightDtype;
  /** Raw little-endian bytes of the whole storage. */
  storage: Uint8Array;
  /** Offset into the storage, in elements. */
  offset: number;
  shape: readonly number[];
  /** Strides in elements, one per dimension. */
  stride: readonly number[];
}

function isContiguous(shape: readonly number[], stride: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d] ?? 1;
    if (size !== 1 && stride[d] !== expected) return false;
    expected *= size;
  }
  return true;
}

/**
 * Copies a (possibly non-contiguous) view of a storage into a fresh row-major tensor. With `copy` false a
 * contiguous, aligned view is returned as a typed array over the storage bytes instead (no copy). Views
 * that reach outside the storage throw `CORRUPT_DATA` naming the tensor.
 */
export function materialiseView(view: StridedView, name: string, file: string, copy = true): WeightTensor {
  const { dtype, storage, offset, shape, stride } = view;
  const size = DTYPE_BYTES[dtype];
  const count = elementCount(shape);
  const storageElements = Math.floor(storage.length / size);
  if (shape.length !== stride.length) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `size has ${shape.length} dimensions but stride has ${stride.length}`,
      {
        where: { file, field: name },
      },
    );
  }
  let last = offset;
  for (let d = 0; d < shape.length; d++) last += ((shape[d] ?? 1) - 1) * (stride[d] ?? 0);
  if (count > 0 && last >= storageElements) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `view (offset ${offset}, shape [${shape.join(', ')}], stride [${stride.join(', ')}]) reaches element ${last} of a ${storageElements}-element storage`,
      { where: { file, field: name }, hint: 'the checkpoint is damaged; re-save it' },
    );
  }
  if (count === 0 || isContiguous(shape, stride)) {
    const toTyped = copy ? typedArrayFromBytes : typedArrayOfBytes;
    return { dtype, shape: [...shape], data: toTyped(dtype, storage, offset * size, count) };
  }
  const out = new Uint8Array(count * size);
  const index = new Array<number>(shape.length).fill(0);
  let source = offset;
  for (let i = 0; i < count; i++) {
    out.set(storage.subarray(source * size, source * size + size), i * size);
    for (let d = shape.length - 1; d >= 0; d--) {
      const step = stride[d] ?? 0;
      const next = (index[d] ?? 0) + 1;
      if (next < (shape[d] ?? 1)) {
        index[d] = next;
        source += step;
        break;
      }
      index[d] = 0;
      source -= (next - 1) * step;
    }
  }
  return { dtype, shape: [...shape], data: typedArrayFromBytes(dtype, out, 0, count) };
}
