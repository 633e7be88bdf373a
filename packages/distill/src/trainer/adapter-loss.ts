import { RetrievekitError } from '@retrievekit/core';
import { marginMseDot } from '../margin-mse.js';
import { tasBalancedLossDot } from '../tas-balanced-loss.js';
import type { ScoreMatrix, VectorBatch } from '../types.js';
import { checkNonNegative } from '../validate.js';
import type { LinearAdapter } from './linear-adapter.js';
import { adaptQueries } from './linear-adapter.js';

/** In-batch teacher matrices for the TAS-B term: entry (i, j) scores query i against passage j. */
export interface InBatchTeacherScores {
  /** B x B teacher scores of (q_i, p+_j). */
  readonly positive: ScoreMatrix;
  /** B x B teacher scores of (q_i, p-_j). */
  readonly negative: ScoreMatrix;
}

/** One batch of the adapter objective: frozen vectors plus pairwise teacher scores. */
export interface AdapterLossInput {
  /** B encoder query vectors (before the adapter). */
  readonly queries: VectorBatch;
  readonly positives: VectorBatch;
  readonly negatives: VectorBatch;
  readonly teacherPositive: ArrayLike<number>;
  readonly teacherNegative: ArrayLike<number>;
  /** When given with `inBatchWeight > 0`, adds the TAS-B in-batch dual term. */
  readonly inBatchTeacher?: InBatchTeacherScores;
  /** Weight of the in-batch term. Default 0.75 when `inBatchTeacher` is given. */
  readonly inBatchWeight?: number;
}

/** The loss of one batch and its gradient with respect to the adapter matrix. */
export interface AdapterLossResult {
  readonly value: number;
  /** d value / d W, `dim x dim` row-major like the adapter's weights. */
  readonly gradient: Float64Array;
}

/**
 * The adapter objective on one batch: Margin-MSE on `(W q_i) . p+_i - (W q_i) . p-_i` (plus, when an
 * in-batch teacher is given, `inBatchWeight` times TAS-B in-batch dual supervision), with the gradient
 * with respect to W by the chain rule `dL/dW = sum_i (dL/dq'_i) q_i^T` from the losses' query gradients.
 */
export function adapterLoss(adapter: LinearAdapter, input: AdapterLossInput): AdapterLossResult {
  const adapted = adaptQueries(adapter, input.queries);
  const weight = input.inBatchWeight ?? 0.75;
  checkNonNegative(weight, 'inBatchWeight');
  let value: number;
  let gradQueries: Float64Array;
  if (input.inBatchTeacher !== undefined && weight > 0) {
    const result = tasBalancedLossDot({
      queries: adapted,
      positives: input.positives,
      negatives: input.negatives,
      teacherPositive: input.teacherPositive,
      teacherNegative: input.teacherNegative,
      teacherPositiveMatrix: input.inBatchTeacher.positive,
      teacherNegativeMatrix: input.inBatchTeacher.negative,
      pairWeight: 1,
      inBatchWeight: weight,
    });
    value = result.value;
    gradQueries = result.gradQueries;
  } else {
    const result = marginMseDot({
      queries: adapted,
      positives: input.positives,
      negatives: input.negatives,
      teacherPositive: input.teacherPositive,
      teacherNegative: input.teacherNegative,
    });
    value = result.value;
    gradQueries = result.gradQueries;
  }
  return { value, gradient: outerProductSum(gradQueries, input.queries, adapter.dim) };
}

/** `sum_i g_i q_i^T` (dim x dim, row-major) over the rows of `g` and `queries`. */
function outerProductSum(g: Float64Array, queries: VectorBatch, dim: number): Float64Array {
  if (g.length !== queries.rows * dim) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${g.length} gradient entries for ${queries.rows} rows`,
      {
        where: { field: 'queries' },
      },
    );
  }
  const out = new Float64Array(dim * dim);
  const q = queries.data;
  for (let r = 0; r < queries.rows; r++) {
    const ro = r * dim;
    for (let i = 0; i < dim; i++) {
      const gi = g[ro + i] as number;
      if (gi === 0) continue;
      const oo = i * dim;
      for (let j = 0; j < dim; j++) out[oo + j] = (out[oo + j] as number) + gi * (q[ro + j] as number);
    }
  }
  return out;
}
