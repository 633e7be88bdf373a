import { groupedDotBackward, groupedDotScores } from './dot-scores.js';
import { logSoftmaxInto } from './log-softmax.js';
import type { ScoreLoss, ScoreMatrix, VectorBatch } from './types.js';
import { checkMatrix, checkPositive, checkVectors } from './validate.js';

/** Input of {@link klDistillation}: B x C student and teacher scores over the same C candidates per row. */
export interface KlDistillationInput {
  readonly student: ScoreMatrix;
  readonly teacher: ScoreMatrix;
  /** Softmax temperature tau. Default 1. */
  readonly temperature?: number;
}

/**
 * KL distillation `tau^2 * mean_i KL(softmax(t_i / tau) || softmax(s_i / tau))`. Both distributions
 * are taken as stable log-softmax (the student's log-probabilities, never its probabilities).
 * Gradient: `tau / B * (softmax(s_i / tau) - softmax(t_i / tau))`.
 */
export function klDistillation(input: KlDistillationInput): ScoreLoss {
  const { student, teacher } = input;
  const tau = input.temperature ?? 1;
  checkPositive(tau, 'temperature');
  checkMatrix(student, 'student');
  checkMatrix(teacher, 'teacher', student.rows, student.cols);
  const { rows, cols } = student;
  const logStudent = new Float64Array(rows * cols);
  const logTeacher = new Float64Array(rows * cols);
  const gradient = new Float64Array(rows * cols);
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    logSoftmaxInto(student.data, offset, cols, 1 / tau, logStudent);
    logSoftmaxInto(teacher.data, offset, cols, 1 / tau, logTeacher);
    for (let k = offset; k < offset + cols; k++) {
      const lt = logTeacher[k] as number;
      const ls = logStudent[k] as number;
      const pt = Math.exp(lt);
      if (pt > 0) sum += pt * (lt - ls);
      gradient[k] = (tau / rows) * (Math.exp(ls) - pt);
    }
  }
  return { value: (tau * tau * sum) / rows, gradient };
}

/** Input of {@link klDistillationDot}: B queries and B x C candidate passages grouped by query. */
export interface KlDistillationDotInput {
  readonly queries: VectorBatch;
  /** Row i*C+c is candidate c of query i. */
  readonly passages: VectorBatch;
  /** B x C teacher scores. */
  readonly teacher: ScoreMatrix;
  readonly temperature?: number;
}

/** {@link klDistillation} for a dot-product student, with gradients with respect to the vectors. */
export function klDistillationDot(input: KlDistillationDotInput): {
  readonly value: number;
  readonly gradQueries: Float64Array;
  readonly gradPassages: Float64Array;
} {
  checkVectors(input.queries, 'queries');
  checkVectors(input.passages, 'passages', undefined, input.queries.dim);
  const scores = groupedDotScores(input.queries, input.passages);
  const cols = input.passages.rows / input.queries.rows;
  const loss = klDistillation({
    student: { data: scores, rows: input.queries.rows, cols },
    teacher: input.teacher,
    temperature: input.temperature,
  });
  const grads = groupedDotBackward(input.queries, input.passages, loss.gradient);
  return { value: loss.value, gradQueries: grads.left, gradPassages: grads.right };
}
