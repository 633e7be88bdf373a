import { RetrievekitError } from '@retrievekit/core';
import { groupedDotBackward, groupedDotScores } from './dot-scores.js';
import type { ScoreLoss, ScoreMatrix, VectorBatch } from './types.js';
import { checkMatrix, checkVectors } from './validate.js';

/**
 * The teacher of {@link marginMseMulti}: either raw scores (`B x (1+n)`, column 0 the positive) or
 * margins already taken (`B x n`, entry k = t_0 - t_{k+1}).
 */
export type MultiMarginTeacher = { readonly scores: ScoreMatrix } | { readonly margins: ScoreMatrix };

/** Input of {@link marginMseMulti}. */
export interface MultiMarginMseInput {
  /** Student scores, `B x (1+n)`: column 0 the positive, columns 1..n the negatives. */
  readonly student: ScoreMatrix;
  readonly teacher: MultiMarginTeacher;
}

function teacherMargins(teacher: MultiMarginTeacher, rows: number, negatives: number): Float64Array {
  const margins = new Float64Array(rows * negatives);
  if ('margins' in teacher) {
    checkMatrix(teacher.margins, 'teacher.margins', rows, negatives);
    for (let k = 0; k < margins.length; k++) margins[k] = teacher.margins.data[k] as number;
    return margins;
  }
  checkMatrix(teacher.scores, 'teacher.scores', rows, negatives + 1);
  const data = teacher.scores.data;
  for (let i = 0; i < rows; i++) {
    const positive = data[i * (negatives + 1)] as number;
    for (let k = 0; k < negatives; k++) {
      margins[i * negatives + k] = positive - (data[i * (negatives + 1) + 1 + k] as number);
    }
  }
  return margins;
}

/**
 * Margin-MSE with n negatives per query: the mean over the `B x n` margin matrix of
 * `((s_0 - s_k) - (t_0 - t_k))^2`. The gradient has the layout of `student`.
 */
export function marginMseMulti(input: MultiMarginMseInput): ScoreLoss {
  const { student } = input;
  checkMatrix(student, 'student');
  if (student.cols < 2) {
    throw new RetrievekitError('DIMENSION_MISMATCH', `student has ${student.cols} column(s)`, {
      where: { field: 'student' },
      hint: 'column 0 is the positive; at least one negative column must follow',
    });
  }
  const rows = student.rows;
  const negatives = student.cols - 1;
  const margins = teacherMargins(input.teacher, rows, negatives);
  const count = rows * negatives;
  const gradient = new Float64Array(rows * student.cols);
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const base = i * student.cols;
    const positive = student.data[base] as number;
    for (let k = 0; k < negatives; k++) {
      const residual =
        positive - (student.data[base + 1 + k] as number) - (margins[i * negatives + k] as number);
      sum += residual * residual;
      const g = (2 * residual) / count;
      gradient[base] = (gradient[base] as number) + g;
      gradient[base + 1 + k] = -g;
    }
  }
  return { value: sum / count, gradient };
}

/** Input of {@link marginMseMultiDot}. */
export interface MultiMarginMseDotInput {
  /** B query vectors. */
  readonly queries: VectorBatch;
  /** B x (1+n) passage vectors grouped by query: row i*(1+n) the positive, then its n negatives. */
  readonly passages: VectorBatch;
  readonly teacher: MultiMarginTeacher;
}

/** {@link marginMseMulti} for a dot-product student, with gradients with respect to the vectors. */
export function marginMseMultiDot(input: MultiMarginMseDotInput): {
  readonly value: number;
  readonly gradQueries: Float64Array;
  readonly gradPassages: Float64Array;
} {
  checkVectors(input.queries, 'queries');
  checkVectors(input.passages, 'passages', undefined, input.queries.dim);
  const scores = groupedDotScores(input.queries, input.passages);
  const cols = input.passages.rows / input.queries.rows;
  const loss = marginMseMulti({
    student: { data: scores, rows: input.queries.rows, cols },
    teacher: input.teacher,
  });
  const grads = groupedDotBackward(input.queries, input.passages, loss.gradient);
  return { value: loss.value, gradQueries: grads.left, gradPassages: grads.right };
}
