import type { DenseBatch } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import type { VectorBatch } from '../types.js';
import { checkVectors } from '../validate.js';

/**
 * A query-side linear adapter: a `dim x dim` matrix W, row-major (`weights[i * dim + j]` = W_ij).
 * An adapted query is `q' = W q`, i.e. `q'_i = sum_j W_ij q_j`; passages are left unchanged.
 */
export interface LinearAdapter {
  readonly dim: number;
  readonly weights: Float64Array;
}

/** The identity adapter of `dim` dimensions (the starting point of training: q' = q). */
export function identityAdapter(dim: number): LinearAdapter {
  if (!Number.isInteger(dim) || dim <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `dim must be a positive integer, got ${dim}`, {
      where: { field: 'dim' },
    });
  }
  const weights = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) weights[i * dim + i] = 1;
  return { dim, weights };
}

/** `W q` for every row of `queries`, accumulated and returned in float64 (the trainer's forward pass). */
export function adaptQueries(adapter: LinearAdapter, queries: VectorBatch): VectorBatch {
  checkVectors(queries, 'queries', undefined, adapter.dim);
  const { dim, weights } = adapter;
  const out = new Float64Array(queries.rows * dim);
  const q = queries.data;
  for (let r = 0; r < queries.rows; r++) {
    const qo = r * dim;
    for (let i = 0; i < dim; i++) {
      const wo = i * dim;
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += (weights[wo + j] as number) * (q[qo + j] as number);
      out[qo + i] = sum;
    }
  }
  return { data: out, rows: queries.rows, dim };
}

/**
 * Applies a trained adapter to a batch of query vectors: `q' = W q` per row, accumulated in float64 and
 * returned as a core `DenseBatch` (Float32Array) ready for any vector store.
 *
 * @example
 * ```ts
 * const { adapter } = await trainQueryAdapter({ ... });
 * const adapted = applyAdapter(adapter, encodedQueries); // search passages with these
 * ```
 */
export function applyAdapter(adapter: LinearAdapter, queries: VectorBatch): DenseBatch {
  const adapted = adaptQueries(adapter, queries);
  return { data: Float32Array.from(adapted.data), rows: adapted.rows, dim: adapted.dim };
}
