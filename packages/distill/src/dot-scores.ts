import { RetrievekitError } from '@retrievekit/core';
import type { VectorBatch } from './types.js';

/** Gradients of a loss with respect to the two vector batches of a dot-product score. */
export interface DotGradients {
  /** d loss / d left vectors, `left.rows x dim` row-major. */
  readonly left: Float64Array;
  /** d loss / d right vectors, `right.rows x dim` row-major. */
  readonly right: Float64Array;
}

function sameDim(left: VectorBatch, right: VectorBatch): void {
  if (left.dim !== right.dim) {
    throw new RetrievekitError('DIMENSION_MISMATCH', `vectors of ${left.dim} and ${right.dim} dims`, {
      hint: 'queries and passages must come from the same encoder',
    });
  }
}

function dotRows(a: VectorBatch, i: number, b: VectorBatch, j: number): number {
  const dim = a.dim;
  const ao = i * dim;
  const bo = j * dim;
  let sum = 0;
  for (let k = 0; k < dim; k++) sum += (a.data[ao + k] as number) * (b.data[bo + k] as number);
  return sum;
}

function addScaledRow(target: Float64Array, ti: number, g: number, source: VectorBatch, si: number): void {
  const dim = source.dim;
  const to = ti * dim;
  const so = si * dim;
  for (let k = 0; k < dim; k++)
    target[to + k] = (target[to + k] as number) + g * (source.data[so + k] as number);
}

/**
 * Grouped dot products: `left` has B rows, `right` has B x G rows; score (i, g) is
 * `left_i . right_{i*G+g}` (G = 1: one passage per query). Accumulated in float64.
 */
export function groupedDotScores(left: VectorBatch, right: VectorBatch): Float64Array {
  sameDim(left, right);
  if (left.rows === 0 || right.rows % left.rows !== 0) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${right.rows} passages do not split into groups for ${left.rows} queries`,
      { hint: 'give the same number of passages for every query, grouped by query' },
    );
  }
  const group = right.rows / left.rows;
  const scores = new Float64Array(right.rows);
  for (let r = 0; r < right.rows; r++) scores[r] = dotRows(left, Math.floor(r / group), right, r);
  return scores;
}

/** Back-propagates `gradScores` (the layout of {@link groupedDotScores}) to both vector batches. */
export function groupedDotBackward(
  left: VectorBatch,
  right: VectorBatch,
  gradScores: Float64Array,
): DotGradients {
  const group = right.rows / left.rows;
  const gradLeft = new Float64Array(left.rows * left.dim);
  const gradRight = new Float64Array(right.rows * right.dim);
  for (let r = 0; r < right.rows; r++) {
    const g = gradScores[r] as number;
    const i = Math.floor(r / group);
    addScaledRow(gradLeft, i, g, right, r);
    addScaledRow(gradRight, r, g, left, i);
  }
  return { left: gradLeft, right: gradRight };
}

/** All pairwise dot products: a `left.rows x right.rows` row-major matrix, accumulated in float64. */
export function matrixDotScores(left: VectorBatch, right: VectorBatch): Float64Array {
  sameDim(left, right);
  const scores = new Float64Array(left.rows * right.rows);
  for (let i = 0; i < left.rows; i++) {
    for (let j = 0; j < right.rows; j++) scores[i * right.rows + j] = dotRows(left, i, right, j);
  }
  return scores;
}

/** Back-propagates a gradient on {@link matrixDotScores}: d left = G R, d right = G^T L. */
export function matrixDotBackward(
  left: VectorBatch,
  right: VectorBatch,
  gradScores: Float64Array,
): DotGradients {
  const gradLeft = new Float64Array(left.rows * left.dim);
  const gradRight = new Float64Array(right.rows * right.dim);
  for (let i = 0; i < left.rows; i++) {
    for (let j = 0; j < right.rows; j++) {
      const g = gradScores[i * right.rows + j] as number;
      if (g === 0) continue;
      addScaledRow(gradLeft, i, g, right, j);
      addScaledRow(gradRight, j, g, left, i);
    }
  }
  return { left: gradLeft, right: gradRight };
}
