import type { DenseBatch } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

/** How a query and a passage vector are compared. TAS-B: `'dot'`. */
export type ScoreMetric = 'dot' | 'cosine';

/**
 * Scores every query against every passage: a `queries.rows x passages.rows` row-major matrix of dot
 * products or cosines, accumulated in float64.
 */
export function scoreDense(
  queries: DenseBatch,
  passages: DenseBatch,
  metric: ScoreMetric = 'dot',
): Float32Array {
  if (queries.dim !== passages.dim) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `queries have ${queries.dim} dims but passages ${passages.dim}`,
      {
        where: { field: 'passages' },
      },
    );
  }
  const { dim } = queries;
  const norms = (b: DenseBatch): Float64Array =>
    Float64Array.from({ length: b.rows }, (_, r) => {
      let s = 0;
      for (let d = 0; d < dim; d++) s += (b.data[r * dim + d] as number) ** 2;
      return Math.sqrt(s);
    });
  const qn = metric === 'cosine' ? norms(queries) : undefined;
  const pn = metric === 'cosine' ? norms(passages) : undefined;
  const out = new Float32Array(queries.rows * passages.rows);
  for (let q = 0; q < queries.rows; q++) {
    for (let p = 0; p < passages.rows; p++) {
      let s = 0;
      for (let d = 0; d < dim; d++)
        s += (queries.data[q * dim + d] as number) * (passages.data[p * dim + d] as number);
      if (qn !== undefined && pn !== undefined) {
        const n = (qn[q] as number) * (pn[p] as number);
        s = n > 0 ? s / n : 0;
      }
      out[q * passages.rows + p] = s;
    }
  }
  return out;
}
