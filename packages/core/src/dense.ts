import { RetrievekitError } from './errors.js';

/**
 * A batch of dense vectors stored row-major in one Float32Array: row `i` is
 * `data.subarray(i * dim, (i + 1) * dim)`. Never an array of arrays.
 */
export interface DenseBatch {
  readonly data: Float32Array;
  readonly rows: number;
  readonly dim: number;
}

/**
 * Wraps `data` as a batch of `rows` vectors of `dim` dimensions, checking that the sizes agree.
 *
 * @example
 * ```ts
 * const batch = createDenseBatch(new Float32Array(2 * 768), 2, 768);
 * denseRow(batch, 1); // a 768-float view, no copy
 * ```
 */
export function createDenseBatch(data: Float32Array, rows: number, dim: number): DenseBatch {
  if (!Number.isInteger(rows) || rows < 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `rows must be a non-negative integer, got ${rows}`, {
      where: { field: 'rows' },
    });
  }
  if (!Number.isInteger(dim) || dim <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `dim must be a positive integer, got ${dim}`, {
      where: { field: 'dim' },
    });
  }
  if (data.length !== rows * dim) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `data has ${data.length} floats but ${rows} rows x ${dim} dims needs ${rows * dim}`,
      { where: { field: 'data' } },
    );
  }
  return { data, rows, dim };
}

/** A view (no copy) of row `index` of `batch`. */
export function denseRow(batch: DenseBatch, index: number): Float32Array {
  if (!Number.isInteger(index) || index < 0 || index >= batch.rows) {
    throw new RetrievekitError('INVALID_ARGUMENT', `row ${index} is outside 0..${batch.rows - 1}`, {
      where: { index },
    });
  }
  return batch.data.subarray(index * batch.dim, (index + 1) * batch.dim);
}

/**
 * Throws `NON_FINITE` naming the row and column of the first NaN or Infinity in the batch.
 * Stores and encoders call it on their inputs so a bad vector fails loudly instead of ranking silently.
 */
export function assertFiniteBatch(batch: DenseBatch, what = 'vector batch'): void {
  const { data, dim } = batch;
  for (let i = 0; i < data.length; i++) {
    const value = data[i] as number;
    if (!Number.isFinite(value)) {
      throw new RetrievekitError(
        'NON_FINITE',
        `${what} row ${Math.floor(i / dim)}, dimension ${i % dim} is ${value}`,
        { where: { index: Math.floor(i / dim) }, hint: 'vectors must contain finite numbers only' },
      );
    }
  }
}
