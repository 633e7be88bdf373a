import { RetrievekitError } from '@retrievekit/core';
import { logSoftmaxInto } from './log-softmax.js';
import type { ScoreLoss, ScoreMatrix } from './types.js';
import { checkMatrix, checkPositive } from './validate.js';

/** Input of {@link inBatchCrossEntropy}. */
export interface InBatchCrossEntropyInput {
  /**
   * B x M similarities: row i = query i against every candidate (the B in-batch positives first, then
   * any hard negatives). The target of row i is column i.
   */
  readonly scores: ScoreMatrix;
  /** Multiplies the similarities before the softmax. Default 1 (use 20 for cosine similarities). */
  readonly scale?: number;
}

/**
 * In-batch negatives cross-entropy (MultipleNegativesRanking / InfoNCE):
 * `mean_i (logsumexp_j(scale * s_ij) - scale * s_ii)`. Gradient: `scale / B * (softmax_i - onehot_i)`.
 *
 * @example
 * ```ts
 * inBatchCrossEntropy({ scores: { data: [0, 0, 0, 0], rows: 2, cols: 2 } }).value; // ln 2
 * ```
 */
export function inBatchCrossEntropy(input: InBatchCrossEntropyInput): ScoreLoss {
  const { scores } = input;
  const scale = input.scale ?? 1;
  checkPositive(scale, 'scale');
  checkMatrix(scores, 'scores');
  const { rows, cols } = scores;
  if (cols < rows) {
    throw new RetrievekitError('DIMENSION_MISMATCH', `scores has ${cols} columns for ${rows} queries`, {
      where: { field: 'scores' },
      hint: 'columns 0..B-1 must be the in-batch positives, so there are at least as many columns as rows',
    });
  }
  const logProbabilities = new Float64Array(rows * cols);
  const gradient = new Float64Array(rows * cols);
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    logSoftmaxInto(scores.data, offset, cols, scale, logProbabilities);
    sum -= logProbabilities[offset + i] as number;
    for (let k = offset; k < offset + cols; k++) {
      gradient[k] = (scale / rows) * Math.exp(logProbabilities[k] as number);
    }
    gradient[offset + i] = (gradient[offset + i] as number) - scale / rows;
  }
  return { value: sum / rows, gradient };
}
