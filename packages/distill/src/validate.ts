import { RetrievekitError } from '@retrievekit/core';
import type { ScoreMatrix, VectorBatch } from './types.js';

/** Throws unless `values` is non-empty, finite and (when given) of length `expected`. */
export function checkScores(values: ArrayLike<number>, field: string, expected?: number): void {
  if (values.length === 0) {
    throw new RetrievekitError('EMPTY_INPUT', `${field} is empty`, {
      where: { field },
      hint: 'a loss needs a batch of at least one item',
    });
  }
  if (expected !== undefined && values.length !== expected) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${field} has ${values.length} scores but ${expected} are expected`,
      { where: { field }, hint: 'student and teacher arrays must describe the same batch' },
    );
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) {
      throw new RetrievekitError('NON_FINITE', `${field}[${i}] is ${value}`, {
        where: { field, index: i },
        hint: 'scores must be finite numbers',
      });
    }
  }
}

/** Throws unless `matrix` is a non-empty, finite `rows x cols` matrix (with the expected shape if given). */
export function checkMatrix(matrix: ScoreMatrix, field: string, rows?: number, cols?: number): void {
  const shapeOk = Number.isInteger(matrix.rows) && Number.isInteger(matrix.cols);
  if (!shapeOk || matrix.rows <= 0 || matrix.cols <= 0) {
    throw new RetrievekitError('EMPTY_INPUT', `${field} is ${matrix.rows} x ${matrix.cols}`, {
      where: { field },
      hint: 'a score matrix needs at least one row and one column',
    });
  }
  if ((rows !== undefined && matrix.rows !== rows) || (cols !== undefined && matrix.cols !== cols)) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${field} is ${matrix.rows} x ${matrix.cols} but ${rows ?? matrix.rows} x ${cols ?? matrix.cols} is expected`,
      { where: { field } },
    );
  }
  checkScores(matrix.data, field, matrix.rows * matrix.cols);
}

/** Throws unless `batch` has at least one row, a positive dim, a matching length and finite values. */
export function checkVectors(batch: VectorBatch, field: string, rows?: number, dim?: number): void {
  if (batch.rows <= 0 || batch.dim <= 0) {
    throw new RetrievekitError('EMPTY_INPUT', `${field} has ${batch.rows} rows of ${batch.dim} dims`, {
      where: { field },
      hint: 'a loss needs a batch of at least one vector',
    });
  }
  if ((rows !== undefined && batch.rows !== rows) || (dim !== undefined && batch.dim !== dim)) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${field} is ${batch.rows} x ${batch.dim} but ${rows ?? batch.rows} x ${dim ?? batch.dim} is expected`,
      { where: { field } },
    );
  }
  checkScores(batch.data, field, batch.rows * batch.dim);
}

/** Throws unless `value` is a finite number above zero. */
export function checkPositive(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be a positive number, got ${value}`, {
      where: { field },
    });
  }
}

/** Throws unless `value` is a finite number >= 0. */
export function checkNonNegative(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be a number >= 0, got ${value}`, {
      where: { field },
    });
  }
}
