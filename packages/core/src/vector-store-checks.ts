import { assertFiniteBatch, type DenseBatch } from './dense.js';
import { RetrievekitError } from './errors.js';
import type { Metadata, VectorMetric, VectorRecords } from './vector-store.js';

/**
 * Input checks of the {@link VectorStore} contract, shared by every store so that they all reject the
 * same inputs with the same errors.
 */

/** Throws `DIMENSION_MISMATCH` unless `batch` has `dim` columns and consistent sizes. */
export function checkBatchShape(batch: DenseBatch, dim: number, what: string): void {
  if (batch.dim !== dim) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${what} have dimension ${batch.dim}, the store has ${dim}`,
      {
        where: { field: 'dim' },
        hint: 'encode with the model the store was created for',
      },
    );
  }
  if (batch.data.length !== batch.rows * batch.dim) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${what} data has ${batch.data.length} floats, ${batch.rows} rows x ${batch.dim} needs ${batch.rows * batch.dim}`,
      { where: { field: 'data' } },
    );
  }
}

/** Throws `INVALID_ARGUMENT` unless `k` is a positive integer. */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `k must be a positive integer, got ${k}`, {
      where: { field: 'k' },
    });
  }
}

/**
 * Checks a batch of records before anything is stored: shape, one non-empty string id per row, ids
 * unique within the batch, one metadata entry per row when metadata is given, finite values.
 * Stores add their own limits (f16 range, zero vectors under cosine) after it.
 */
export function checkRecords(records: VectorRecords, dim: number): void {
  const { ids, vectors, metadata } = records;
  checkBatchShape(vectors, dim, 'vectors');
  if (ids.length !== vectors.rows) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${ids.length} ids for ${vectors.rows} vectors`, {
      where: { field: 'ids' },
      hint: 'give one id per vector row',
    });
  }
  if (metadata !== undefined && metadata.length !== vectors.rows) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${metadata.length} metadata entries for ${vectors.rows} vectors`,
      {
        where: { field: 'metadata' },
      },
    );
  }
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (typeof id !== 'string' || id.length === 0) {
      throw new RetrievekitError('INVALID_ARGUMENT', 'ids must be non-empty strings', {
        where: { field: 'ids', index },
      });
    }
    if (seen.has(id)) {
      throw new RetrievekitError('DUPLICATE_ID', `id "${id}" appears twice in the batch`, {
        where: { field: 'ids', index },
      });
    }
    seen.add(id);
  });
  assertFiniteBatch(vectors, 'vectors');
}

/**
 * Throws `INVALID_ARGUMENT` naming the row and dimension of the first value whose magnitude exceeds
 * `limit` (e.g. 65504 for half-precision storage).
 */
export function checkMagnitude(vectors: DenseBatch, limit: number, hint: string): void {
  const { data, dim } = vectors;
  for (let i = 0; i < data.length; i++) {
    if (Math.abs(data[i] as number) > limit) {
      const row = Math.floor(i / dim);
      throw new RetrievekitError(
        'INVALID_ARGUMENT',
        `vectors row ${row}, dimension ${i % dim} is ${data[i]}`,
        {
          where: { index: row },
          hint,
        },
      );
    }
  }
}

/** True when `metadata` has every key of `filter` with a strictly equal value (the contract's rule). */
export function matchesEquals(
  metadata: Metadata | undefined,
  filter: Readonly<Record<string, unknown>>,
): boolean {
  for (const [key, value] of Object.entries(filter)) {
    if (metadata === undefined || !Object.hasOwn(metadata, key) || metadata[key] !== value) return false;
  }
  return true;
}

/**
 * The rows of `batch` as the store keeps them: a copy scaled to unit length under `cosine` (a zero
 * row is `INVALID_ARGUMENT`), the batch's own data otherwise.
 */
export function prepareRows(batch: DenseBatch, metric: VectorMetric, what: string): Float32Array {
  if (metric !== 'cosine') return batch.data;
  const { data, dim, rows } = batch;
  const out = new Float32Array(data.length);
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    for (let d = row * dim; d < (row + 1) * dim; d++) sum += (data[d] as number) * (data[d] as number);
    if (sum === 0) {
      throw new RetrievekitError('INVALID_ARGUMENT', `${what} row ${row} is a zero vector`, {
        where: { index: row },
        hint: 'cosine similarity is undefined for zero vectors',
      });
    }
    const scale = 1 / Math.sqrt(sum);
    for (let d = row * dim; d < (row + 1) * dim; d++) out[d] = (data[d] as number) * scale;
  }
  return out;
}
