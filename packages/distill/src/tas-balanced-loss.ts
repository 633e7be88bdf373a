import { matrixDotBackward, matrixDotScores } from './dot-scores.js';
import { inBatchDualSupervision } from './in-batch-dual.js';
import { marginMse } from './margin-mse.js';
import type { ScoreMatrix, VectorBatch } from './types.js';
import { checkMatrix, checkNonNegative, checkVectors } from './validate.js';

/** Loss weights of the TAS-B objective `L = pairWeight * L_pair + inBatchWeight * L_ib`. */
export interface TasBalancedWeights {
  /** Weight of the pairwise Margin-MSE term. Default 1. */
  readonly pairWeight?: number;
  /** Weight of the in-batch dual supervision term. Default 0.75 (the TAS-B paper). */
  readonly inBatchWeight?: number;
}

/** Teacher scores of the TAS-B objective. */
export interface TasBalancedTeacher {
  /** B pairwise teacher scores of (q_i, p+_i) (the BERT_CAT ensemble in the paper). */
  readonly teacherPositive: ArrayLike<number>;
  /** B pairwise teacher scores of (q_i, p-_i). */
  readonly teacherNegative: ArrayLike<number>;
  /** B x B in-batch teacher matrix T+ (the ColBERT teacher in the paper). */
  readonly teacherPositiveMatrix: ScoreMatrix;
  /** B x B in-batch teacher matrix T-. */
  readonly teacherNegativeMatrix: ScoreMatrix;
}

/** Input of {@link tasBalancedLoss}: the two B x B student matrices; their diagonals are the pair scores. */
export interface TasBalancedInput extends TasBalancedTeacher, TasBalancedWeights {
  readonly studentPositive: ScoreMatrix;
  readonly studentNegative: ScoreMatrix;
}

/** Value of the TAS-B objective, its parts and gradients with respect to both student matrices. */
export interface TasBalancedResult {
  readonly value: number;
  readonly pairValue: number;
  readonly inBatchValue: number;
  readonly gradPositive: Float64Array;
  readonly gradNegative: Float64Array;
}

function diagonal(matrix: ScoreMatrix): Float64Array {
  const out = new Float64Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) out[i] = matrix.data[i * matrix.cols + i] as number;
  return out;
}

/**
 * The TAS-B training objective on scores: Margin-MSE on the diagonals (S+_ii, S-_ii) plus in-batch dual
 * supervision over the full matrices, `pairWeight * L_pair + inBatchWeight * L_ib`.
 */
export function tasBalancedLoss(input: TasBalancedInput): TasBalancedResult {
  const pairWeight = input.pairWeight ?? 1;
  const inBatchWeight = input.inBatchWeight ?? 0.75;
  checkNonNegative(pairWeight, 'pairWeight');
  checkNonNegative(inBatchWeight, 'inBatchWeight');
  const b = input.studentPositive.rows;
  checkMatrix(input.studentPositive, 'studentPositive', b, b);
  checkMatrix(input.studentNegative, 'studentNegative', b, b);
  checkMatrix(input.teacherPositiveMatrix, 'teacherPositiveMatrix', b, b);
  checkMatrix(input.teacherNegativeMatrix, 'teacherNegativeMatrix', b, b);
  const pair = marginMse({
    studentPositive: diagonal(input.studentPositive),
    studentNegative: diagonal(input.studentNegative),
    teacherPositive: input.teacherPositive,
    teacherNegative: input.teacherNegative,
  });
  const inBatch = inBatchDualSupervision({
    studentPositive: input.studentPositive,
    studentNegative: input.studentNegative,
    teacherPositive: input.teacherPositiveMatrix,
    teacherNegative: input.teacherNegativeMatrix,
  });
  const gradPositive = new Float64Array(b * b);
  const gradNegative = new Float64Array(b * b);
  for (let k = 0; k < b * b; k++) {
    gradPositive[k] = inBatchWeight * (inBatch.gradPositive[k] as number);
    gradNegative[k] = inBatchWeight * (inBatch.gradNegative[k] as number);
  }
  for (let i = 0; i < b; i++) {
    const ii = i * b + i;
    gradPositive[ii] = (gradPositive[ii] as number) + pairWeight * (pair.gradPositive[i] as number);
    gradNegative[ii] = (gradNegative[ii] as number) + pairWeight * (pair.gradNegative[i] as number);
  }
  return {
    value: pairWeight * pair.value + inBatchWeight * inBatch.value,
    pairValue: pair.value,
    inBatchValue: inBatch.value,
    gradPositive,
    gradNegative,
  };
}

/** Input of {@link tasBalancedLossDot}: B query, positive and negative vectors plus the teacher. */
export interface TasBalancedDotInput extends TasBalancedTeacher, TasBalancedWeights {
  readonly queries: VectorBatch;
  readonly positives: VectorBatch;
  readonly negatives: VectorBatch;
}

/** The TAS-B objective for a dot-product student, with gradients with respect to every vector. */
export function tasBalancedLossDot(input: TasBalancedDotInput): TasBalancedResult & {
  readonly gradQueries: Float64Array;
  readonly gradPositives: Float64Array;
  readonly gradNegatives: Float64Array;
} {
  const { queries, positives, negatives } = input;
  checkVectors(queries, 'queries');
  checkVectors(positives, 'positives', queries.rows, queries.dim);
  checkVectors(negatives, 'negatives', queries.rows, queries.dim);
  const b = queries.rows;
  const result = tasBalancedLoss({
    ...input,
    studentPositive: { data: matrixDotScores(queries, positives), rows: b, cols: b },
    studentNegative: { data: matrixDotScores(queries, negatives), rows: b, cols: b },
  });
  const pos = matrixDotBackward(queries, positives, result.gradPositive);
  const neg = matrixDotBackward(queries, negatives, result.gradNegative);
  const gradQueries = pos.left;
  for (let k = 0; k < gradQueries.length; k++)
    gradQueries[k] = (gradQueries[k] as number) + (neg.left[k] as number);
  return { ...result, gradQueries, gradPositives: pos.right, gradNegatives: neg.right };
}
