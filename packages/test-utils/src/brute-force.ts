import type { DenseBatch } from '@retrievekit/core';
import type { StoreMetric } from './store-types.js';

/** One query's reference ranking: rows of the corpus and their float64 scores, best-first. */
export interface ReferenceHits {
  readonly rows: Int32Array;
  readonly scores: Float64Array;
}

/**
 * The float64 score of `metric` between row `q` of `queries` and row `x` of `corpus`: `dot`,
 * `cosine`, or `l2` as the negative squared Euclidean distance (the contract's definition).
 */
export function referenceScore(
  metric: StoreMetric,
  queries: DenseBatch,
  q: number,
  corpus: DenseBatch,
  x: number,
): number {
  const { dim } = corpus;
  const a = queries.data;
  const b = corpus.data;
  let dot = 0;
  let aa = 0;
  let bb = 0;
  let distance = 0;
  for (let d = 0; d < dim; d++) {
    const u = a[q * dim + d] as number;
    const v = b[x * dim + d] as number;
    dot += u * v;
    aa += u * u;
    bb += v * v;
    distance += (u - v) * (u - v);
  }
  if (metric === 'dot') return dot;
  if (metric === 'cosine') return dot / Math.sqrt(aa * bb);
  return -distance;
}

/**
 * Exact top-`k` by brute force in float64 (the reference every exact store must match), over the
 * corpus rows allowed by `allow` (all when omitted). Ties are ordered by row.
 */
export function bruteForceTopK(
  corpus: DenseBatch,
  queries: DenseBatch,
  k: number,
  metric: StoreMetric,
  allow?: (row: number) => boolean,
): ReferenceHits[] {
  const out: ReferenceHits[] = [];
  for (let q = 0; q < queries.rows; q++) {
    const candidates: [number, number][] = [];
    for (let x = 0; x < corpus.rows; x++) {
      if (allow === undefined || allow(x))
        candidates.push([referenceScore(metric, queries, q, corpus, x), x]);
    }
    candidates.sort((left, right) => right[0] - left[0] || left[1] - right[1]);
    const top = candidates.slice(0, k);
    out.push({ rows: Int32Array.from(top, (c) => c[1]), scores: Float64Array.from(top, (c) => c[0]) });
  }
  return out;
}

/** Fraction of the reference top-k ids found in the returned ids, averaged over queries. */
export function recallAtK(
  returned: readonly (readonly string[])[],
  reference: readonly (readonly string[])[],
): number {
  let total = 0;
  reference.forEach((expected, q) => {
    const got = new Set(returned[q] ?? []);
    total += expected.length === 0 ? 1 : expected.filter((id) => got.has(id)).length / expected.length;
  });
  return reference.length === 0 ? 1 : total / reference.length;
}
