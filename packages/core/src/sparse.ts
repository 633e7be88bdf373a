import { RetrievekitError } from './errors.js';

/**
 * A sparse vector: strictly increasing `indices` (vocabulary ids) with their `values` (weights).
 * SPLADE vectors and BM25 query term weights use this shape.
 */
export interface SparseVector {
  readonly indices: Uint32Array;
  readonly values: Float32Array;
}

/**
 * Builds a sparse vector from (index, value) pairs in any order; duplicate indices are an error.
 *
 * @example
 * ```ts
 * createSparseVector([[2048, 0.7], [17, 1.3]]); // indices [17, 2048], values [1.3, 0.7]
 * ```
 */
export function createSparseVector(entries: Iterable<readonly [number, number]>): SparseVector {
  const pairs = [...entries].sort((a, b) => a[0] - b[0]);
  const indices = new Uint32Array(pairs.length);
  const values = new Float32Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const [index, value] = pairs[i] as readonly [number, number];
    if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) {
      throw new RetrievekitError(
        'INVALID_ARGUMENT',
        `sparse index ${index} is not a 32-bit unsigned integer`,
        {
          where: { index: i },
        },
      );
    }
    if (!Number.isFinite(value)) {
      throw new RetrievekitError('NON_FINITE', `sparse value at index ${index} is ${value}`, {
        where: { index: i },
      });
    }
    if (i > 0 && indices[i - 1] === index) {
      throw new RetrievekitError('DUPLICATE_ID', `sparse index ${index} appears twice`, {
        where: { index: i },
      });
    }
    indices[i] = index;
    values[i] = value;
  }
  return { indices, values };
}

/** Dot product of two sparse vectors (merge of their sorted index lists), accumulated in float64. */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const ai = a.indices[i] as number;
    const bj = b.indices[j] as number;
    if (ai === bj) sum += (a.values[i++] as number) * (b.values[j++] as number);
    else if (ai < bj) i++;
    else j++;
  }
  return sum;
}
