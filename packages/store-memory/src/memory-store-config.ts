import type { VectorMetric } from '@retrievekit/core';
import type { StorageType } from './row-storage.js';
import type { StoreSnapshot } from './snapshot.js';

/**
 * Exact rescoring of int8 search: the original float32 vectors are kept in a file on disk (not in
 * memory) and the best `candidates` int8 results of each query are re-scored exactly from it.
 */
export interface RescoreOptions {
  /** Candidates re-scored per query; default `max(k, 10 * k)` (= 10k), at least k. */
  readonly candidates?: number;
  /**
   * Path of the private append-only file of exact vectors (created, truncated, and deleted on
   * `close()`); default a fresh file in the OS temp folder.
   */
  readonly file?: string;
}

/** Everything the `MemoryStore` constructor needs (validated by `createMemoryStore` / `openMemoryStore`). */
export interface MemoryStoreConfig {
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly storage: StorageType;
  /** int8 only: keep exact vectors on disk and re-score candidates. */
  readonly rescore?: RescoreOptions;
  /** Contents of a saved store. */
  readonly snapshot?: StoreSnapshot;
}
