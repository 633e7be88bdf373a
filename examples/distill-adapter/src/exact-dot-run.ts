import type { DenseBatch, RankedList, Run } from '@retrievekit/core';

/**
 * Exhaustive dot-product search: for each query row, the `k` passages of largest `q . p` (float64 sums),
 * best first. Small collections only (SciFact: 5,183 passages).
 */
export function exactDotRun(
  queryIds: readonly string[],
  queries: DenseBatch,
  passageIds: readonly string[],
  passages: DenseBatch,
  k: number,
): Run {
  const { dim } = queries;
  const run = new Map<string, RankedList>();
  const scores = new Float64Array(passages.rows);
  const order = new Int32Array(passages.rows);
  queryIds.forEach((queryId, r) => {
    const qo = r * dim;
    for (let p = 0; p < passages.rows; p++) {
      const po = p * dim;
      let sum = 0;
      for (let d = 0; d < dim; d++)
        sum += (queries.data[qo + d] as number) * (passages.data[po + d] as number);
      scores[p] = sum;
      order[p] = p;
    }
    const top = Array.from(order)
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
      .slice(0, k);
    run.set(queryId, {
      ids: top.map((p) => passageIds[p] as string),
      scores: Float64Array.from(top, (p) => scores[p] as number),
    });
  });
  return run;
}
