import type { VectorMetric } from '@retrievekit/core';

/**
 * The contract's score (float64 accumulation) of query `query` (a prepared row: unit length under
 * cosine) against slot `slot` of `vectors`: the dot product for `dot` and `cosine` (both sides are
 * unit length for cosine), the negative squared Euclidean distance for `l2`.
 */
export function exactScore(
  metric: VectorMetric,
  query: Float32Array,
  vectors: Float32Array,
  slot: number,
): number {
  const dim = query.length;
  const base = slot * dim;
  let sum = 0;
  if (metric === 'l2') {
    for (let d = 0; d < dim; d++) {
      const diff = (query[d] as number) - (vectors[base + d] as number);
      sum += diff * diff;
    }
    return sum === 0 ? 0 : -sum; // +0, not -0, for an identical vector
  }
  for (let d = 0; d < dim; d++) sum += (query[d] as number) * (vectors[base + d] as number);
  return sum;
}

/** Best-first top-`k` of scored slots: ids resolved through `idOf`, scores as float32. */
export function topK(
  slots: readonly number[],
  scores: readonly number[],
  k: number,
  idOf: (slot: number) => string,
): { ids: string[]; scores: Float32Array } {
  const order = slots.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const best = order.slice(0, k);
  return {
    ids: best.map((i) => idOf(slots[i] as number)),
    scores: Float32Array.from(best, (i) => scores[i] as number),
  };
}
