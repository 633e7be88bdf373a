import { RetrievekitError } from '@retrievekit/core';
import type { ScoreMatrix } from './types.js';
import { checkMatrix } from './validate.js';

/** Input of {@link inBatchDualSupervision}: four `B x B` matrices, entry (i, j) = query i vs passage j. */
export interface InBatchDualInput {
  /** S+_ij = q_i . p+_j. */
  readonly studentPositive: ScoreMatrix;
  /** S-_ij = q_i . p-_j. */
  readonly studentNegative: ScoreMatrix;
  /** T+_ij, the teacher's score of query i with positive passage j. */
  readonly teacherPositive: ScoreMatrix;
  /** T-_ij, the teacher's score of query i with negative passage j. */
  readonly teacherNegative: ScoreMatrix;
}

/** Value of {@link inBatchDualSupervision} with gradients with respect to both student matrices. */
export interface InBatchDualResult {
  readonly value: number;
  readonly gradPositive: Float64Array;
  readonly gradNegative: Float64Array;
}

/**
 * TAS-B in-batch dual supervision:
 * `1/2 [ mean_{i!=j} ((S+_ii - S+_ij) - (T+_ii - T+_ij))^2 + mean_{i!=j} ((S+_ii - S-_ij) - (T+_ii - T-_ij))^2 ]`.
 * Needs B >= 2 (there is no i != j pair otherwise).
 */
export function inBatchDualSupervision(input: InBatchDualInput): InBatchDualResult {
  const b = input.studentPositive.rows;
  checkMatrix(input.studentPositive, 'studentPositive', b, b);
  checkMatrix(input.studentNegative, 'studentNegative', b, b);
  checkMatrix(input.teacherPositive, 'teacherPositive', b, b);
  checkMatrix(input.teacherNegative, 'teacherNegative', b, b);
  if (b < 2) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      'in-batch supervision needs a batch of at least 2 queries',
      {
        where: { field: 'studentPositive' },
        hint: 'with one query there are no in-batch pairs; use marginMse alone',
      },
    );
  }
  const sp = input.studentPositive.data;
  const sn = input.studentNegative.data;
  const tp = input.teacherPositive.data;
  const tn = input.teacherNegative.data;
  const count = b * (b - 1);
  const gradPositive = new Float64Array(b * b);
  const gradNegative = new Float64Array(b * b);
  let sumPositive = 0;
  let sumNegative = 0;
  for (let i = 0; i < b; i++) {
    const ii = i * b + i;
    const sDiag = sp[ii] as number;
    const tDiag = tp[ii] as number;
    let diagGrad = 0;
    for (let j = 0; j < b; j++) {
      if (j === i) continue;
      const ij = i * b + j;
      const rPos = sDiag - (sp[ij] as number) - (tDiag - (tp[ij] as number));
      const rNeg = sDiag - (sn[ij] as number) - (tDiag - (tn[ij] as number));
      sumPositive += rPos * rPos;
      sumNegative += rNeg * rNeg;
      gradPositive[ij] = -rPos / count;
      gradNegative[ij] = -rNeg / count;
      diagGrad += (rPos + rNeg) / count;
    }
    gradPositive[ii] = diagGrad;
  }
  return { value: 0.5 * (sumPositive / count + sumNegative / count), gradPositive, gradNegative };
}
