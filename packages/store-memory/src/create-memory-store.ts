import type { VectorMetric } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { MemoryStore } from './memory-store.js';
import type { RescoreOptions } from './memory-store-config.js';
import type { StorageType } from './row-storage.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Dimension of every vector (768 for TAS-B). */
  readonly dim: number;
  /** Scoring; default `'dot'` (TAS-B). See {@link VectorMetric}. */
  readonly metric?: VectorMetric;
  /** In-memory encoding; default `'f32'` (exact). See {@link StorageType}. */
  readonly storage?: StorageType;
  /**
   * int8 only: keep the exact float32 vectors in a file on disk and re-score each query's best int8
   * candidates from it (memory stays at int8's 1 byte per dimension; disk holds 4).
   */
  readonly rescore?: RescoreOptions;
}

/**
 * Creates an empty in-memory store (exact for `'f32'` storage).
 *
 * @example
 * ```ts
 * const store = createMemoryStore({ dim: 768 }); // dot product, f32
 * await store.add({ ids, vectors: createDenseBatch(passageVectors, ids.length, 768) });
 * const results = await store.search(createDenseBatch(queryVectors, nQueries, 768), { k: 10 });
 * await store.save('index/'); // later: await openMemoryStore('index/')
 * const small = createMemoryStore({ dim: 768, storage: 'int8', rescore: { candidates: 100 } });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const { dim, metric = 'dot', storage = 'f32', rescore } = options;
  if (!Number.isInteger(dim) || dim <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `dim must be a positive integer, got ${dim}`, {
      where: { field: 'dim' },
    });
  }
  if (metric !== 'dot' && metric !== 'cosine' && metric !== 'l2') {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown metric "${String(metric)}"`, {
      where: { field: 'metric' },
      hint: "use 'dot', 'cosine' or 'l2'",
    });
  }
  if (storage !== 'f32' && storage !== 'f16' && storage !== 'int8') {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown storage "${String(storage)}"`, {
      where: { field: 'storage' },
      hint: "use 'f32', 'f16' or 'int8'",
    });
  }
  if (rescore !== undefined) checkRescore(rescore, storage);
  return new MemoryStore({ dim, metric, storage, rescore });
}

/** Checks rescoring options: int8 storage only, candidates a positive integer. */
export function checkRescore(rescore: RescoreOptions, storage: StorageType): void {
  if (storage !== 'int8') {
    throw new RetrievekitError('INVALID_ARGUMENT', `rescore applies to int8 storage, not ${storage}`, {
      where: { field: 'rescore' },
    });
  }
  const { candidates } = rescore;
  if (candidates !== undefined && (!Number.isInteger(candidates) || candidates <= 0)) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `rescore.candidates must be a positive integer, got ${candidates}`,
      {
        where: { field: 'rescore.candidates' },
      },
    );
  }
}
