import type { DenseBatch } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

/** A copy of `batch` with every row scaled to unit length (float64 norms); zero rows are rejected. */
export function normalizeRows(batch: DenseBatch, what: string): DenseBatch {
  const { rows, dim } = batch;
  const data = new Float32Array(batch.data);
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    for (let d = row * dim; d < (row + 1) * dim; d++) sum += (data[d] as number) * (data[d] as number);
    if (sum === 0) {
      throw new RetrievekitError('INVALID_ARGUMENT', `${what} row ${row} is all zeros`, {
        where: { index: row },
        hint: 'cosine similarity is undefined for a zero vector',
      });
    }
    const inverse = 1 / Math.sqrt(sum);
    for (let d = row * dim; d < (row + 1) * dim; d++) data[d] = (data[d] as number) * inverse;
  }
  return { data, rows, dim };
}
