import type { DenseBatch, VectorMetric } from '@retrievekit/core';
import type { RowHits } from './block-search.js';
import type { ExactRows } from './exact-rows.js';
import { TopK } from './top-k.js';

/**
 * Second stage of int8 search: re-scores each query's int8 candidates with the exact float32 vectors
 * (float64 accumulation) and keeps the best `k`. The result is the exact top-k whenever the true top-k
 * are among the candidates.
 */
export function rescoreHits(
  candidates: readonly RowHits[],
  queries: DenseBatch,
  k: number,
  metric: VectorMetric,
  exact: ExactRows,
): RowHits[] {
  const { dim } = queries;
  const vector = new Float32Array(dim);
  return candidates.map((hits, q) => {
    const heap = new TopK(Math.min(k, hits.rows.length) || 1);
    const offset = q * dim;
    for (const row of hits.rows) {
      exact.read(exact.location[row] as number, vector);
      let score = 0;
      if (metric === 'l2') {
        for (let d = 0; d < dim; d++) {
          const difference = (queries.data[offset + d] as number) - (vector[d] as number);
          score -= difference * difference;
        }
      } else {
        for (let d = 0; d < dim; d++) score += (queries.data[offset + d] as number) * (vector[d] as number);
      }
      heap.push(score, row);
    }
    return hits.rows.length === 0 ? hits : heap.drainSorted();
  });
}
