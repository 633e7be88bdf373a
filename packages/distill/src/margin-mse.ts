import { groupedDotBackward, groupedDotScores } from './dot-scores.js';
import type { VectorBatch } from './types.js';
import { checkScores, checkVectors } from './validate.js';

/** Input of {@link marginMse}: four arrays of B scores. */
export interface MarginMseInput {
  readonly studentPositive: ArrayLike<number>;
  readonly studentNegative: ArrayLike<number>;
  readonly teacherPositive: ArrayLike<number>;
  readonly teacherNegative: ArrayLike<number>;
}

/** Value of {@link marginMse} and its gradients with respect to the student scores. */
export interface MarginMseResult {
  readonly value: number;
  /** d value / d studentPositive. */
  readonly gradPositive: Float64Array;
  /** d value / d studentNegative. */
  readonly gradNegative: Float64Array;
}

/**
 * Margin-MSE (Hofstaetter et al. 2020): `mean_i ((s+_i - s-_i) - (t+_i - t-_i))^2`.
 *
 * @example
 * ```ts
 * const { value, gradPositive } = marginMse({
 *   studentPositive: [3], studentNegative: [1], teacherPositive: [10], teacherNegative: [9],
 * }); // value 1, gradPositive [2]
 * ```
 */
export function marginMse(input: MarginMseInput): MarginMseResult {
  const n = input.studentPositive.length;
  checkScores(input.studentPositive, 'studentPositive');
  checkScores(input.studentNegative, 'studentNegative', n);
  checkScores(input.teacherPositive, 'teacherPositive', n);
  checkScores(input.teacherNegative, 'teacherNegative', n);
  const gradPositive = new Float64Array(n);
  const gradNegative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const studentMargin = (input.studentPositive[i] as number) - (input.studentNegative[i] as number);
    const teacherMargin = (input.teacherPositive[i] as number) - (input.teacherNegative[i] as number);
    const residual = studentMargin - teacherMargin;
    sum += residual * residual;
    gradPositive[i] = (2 * residual) / n;
    gradNegative[i] = (-2 * residual) / n;
  }
  return { value: sum / n, gradPositive, gradNegative };
}

/** Input of {@link marginMseDot}: B query, positive and negative vectors and B teacher score pairs. */
export interface MarginMseDotInput {
  readonly queries: VectorBatch;
  readonly positives: VectorBatch;
  readonly negatives: VectorBatch;
  readonly teacherPositive: ArrayLike<number>;
  readonly teacherNegative: ArrayLike<number>;
}

/** Value of {@link marginMseDot} with gradients with respect to every vector (row-major, float64). */
export interface DotLossResult {
  readonly value: number;
  readonly gradQueries: Float64Array;
  readonly gradPositives: Float64Array;
  readonly gradNegatives: Float64Array;
}

/** Margin-MSE for a dot-product student: `s+_i = q_i . p+_i`, `s-_i = q_i . p-_i`. */
export function marginMseDot(input: MarginMseDotInput): DotLossResult {
  const { queries, positives, negatives } = input;
  checkVectors(queries, 'queries');
  checkVectors(positives, 'positives', queries.rows, queries.dim);
  checkVectors(negatives, 'negatives', queries.rows, queries.dim);
  const result = marginMse({
    studentPositive: groupedDotScores(queries, positives),
    studentNegative: groupedDotScores(queries, negatives),
    teacherPositive: input.teacherPositive,
    teacherNegative: input.teacherNegative,
  });
  const pos = groupedDotBackward(queries, positives, result.gradPositive);
  const neg = groupedDotBackward(queries, negatives, result.gradNegative);
  const gradQueries = pos.left;
  for (let k = 0; k < gradQueries.length; k++)
    gradQueries[k] = (gradQueries[k] as number) + (neg.left[k] as number);
  return { value: result.value, gradQueries, gradPositives: pos.right, gradNegatives: neg.right };
}
