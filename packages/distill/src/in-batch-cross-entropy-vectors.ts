import { RetrievekitError } from '@retrievekit/core';
import { matrixDotBackward, matrixDotScores } from './dot-scores.js';
import { inBatchCrossEntropy } from './in-batch-cross-entropy.js';
import type { VectorBatch } from './types.js';
import { checkVectors } from './validate.js';

/** Input of {@link inBatchCrossEntropyVectors}. */
export interface InBatchCrossEntropyVectorsInput {
  /** B query vectors. */
  readonly queries: VectorBatch;
  /** B positive passage vectors; positive i belongs to query i. */
  readonly positives: VectorBatch;
  /** Optional K hard negatives, shared by every query of the batch. */
  readonly hardNegatives?: VectorBatch;
  /** `'dot'` (default) or `'cosine'`. */
  readonly similarity?: 'dot' | 'cosine';
  /** Default 1 for dot, 20 for cosine. */
  readonly scale?: number;
}

/** Value of {@link inBatchCrossEntropyVectors} with gradients with respect to every vector. */
export interface InBatchCrossEntropyVectorsResult {
  readonly value: number;
  readonly gradQueries: Float64Array;
  readonly gradPositives: Float64Array;
  /** Empty when no hard negatives were given. */
  readonly gradHardNegatives: Float64Array;
}

function stack(positives: VectorBatch, negatives: VectorBatch | undefined): VectorBatch {
  const rows = positives.rows + (negatives?.rows ?? 0);
  const data = new Float64Array(rows * positives.dim);
  data.set(positives.data);
  if (negatives) data.set(negatives.data, positives.data.length);
  return { data, rows, dim: positives.dim };
}

function normalise(batch: VectorBatch, field: string): { unit: VectorBatch; norms: Float64Array } {
  const { rows, dim } = batch;
  const data = new Float64Array(rows * dim);
  const norms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sq = 0;
    for (let k = 0; k < dim; k++) sq += (batch.data[i * dim + k] as number) ** 2;
    const norm = Math.sqrt(sq);
    if (norm === 0) {
      throw new RetrievekitError('INVALID_ARGUMENT', `${field} row ${i} is the zero vector`, {
        where: { field, index: i },
        hint: 'cosine similarity is undefined for a zero vector; use similarity "dot"',
      });
    }
    norms[i] = norm;
    for (let k = 0; k < dim; k++) data[i * dim + k] = (batch.data[i * dim + k] as number) / norm;
  }
  return { unit: { data, rows, dim }, norms };
}

/** Back-propagates through x / |x|: d x = (g - (g . u) u) / |x|, in place on `grad`. */
function normaliseBackward(grad: Float64Array, unit: VectorBatch, norms: Float64Array): void {
  const { rows, dim } = unit;
  for (let i = 0; i < rows; i++) {
    let gu = 0;
    for (let k = 0; k < dim; k++) gu += (grad[i * dim + k] as number) * (unit.data[i * dim + k] as number);
    const inverse = 1 / (norms[i] as number);
    for (let k = 0; k < dim; k++) {
      const at = i * dim + k;
      grad[at] = ((grad[at] as number) - gu * (unit.data[at] as number)) * inverse;
    }
  }
}

/**
 * In-batch negatives cross-entropy over vectors: similarities of each query with all B positives and
 * the K hard negatives, target = its own positive. Gradients are exact, also through the cosine.
 */
export function inBatchCrossEntropyVectors(
  input: InBatchCrossEntropyVectorsInput,
): InBatchCrossEntropyVectorsResult {
  const { queries, positives, hardNegatives } = input;
  const similarity = input.similarity ?? 'dot';
  checkVectors(queries, 'queries');
  checkVectors(positives, 'positives', queries.rows, queries.dim);
  if (hardNegatives) checkVectors(hardNegatives, 'hardNegatives', undefined, queries.dim);
  const candidates = stack(positives, hardNegatives);
  const cosine = similarity === 'cosine';
  const left = cosine ? normalise(queries, 'queries') : undefined;
  const right = cosine ? normalise(candidates, 'candidates') : undefined;
  const q = left?.unit ?? queries;
  const c = right?.unit ?? candidates;
  const loss = inBatchCrossEntropy({
    scores: { data: matrixDotScores(q, c), rows: q.rows, cols: c.rows },
    scale: input.scale ?? (cosine ? 20 : 1),
  });
  const grads = matrixDotBackward(q, c, loss.gradient);
  if (left && right) {
    normaliseBackward(grads.left, left.unit, left.norms);
    normaliseBackward(grads.right, right.unit, right.norms);
  }
  const split = positives.rows * queries.dim;
  return {
    value: loss.value,
    gradQueries: grads.left,
    gradPositives: grads.right.slice(0, split),
    gradHardNegatives: grads.right.slice(split),
  };
}
