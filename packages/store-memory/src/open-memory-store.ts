import type { LongTaskOptions } from '@retrievekit/core';
import { checkRescore } from './create-memory-store.js';
import { MemoryStore } from './memory-store.js';
import type { RescoreOptions } from './memory-store-config.js';
import { loadMemorySnapshot } from './persistence.js';

/** Options of {@link openMemoryStore}. */
export interface OpenMemoryStoreOptions extends LongTaskOptions {
  /**
   * For an int8 store saved with exact vectors: overrides the saved rescoring settings (its `file`
   * receives the exact vectors of rows added after opening).
   */
  readonly rescore?: RescoreOptions;
}

/**
 * Opens a store saved with {@link MemoryStore.save}: reads the manifest, checks every file's size and
 * SHA-256 (`CORRUPT_DATA` on any mismatch, `NOT_FOUND` without a manifest) and rebuilds the store.
 * An int8 store saved with rescoring reads its exact vectors from the saved folder on demand, so keep
 * the folder while the store is open.
 *
 * @example
 * ```ts
 * const store = await openMemoryStore('index/');
 * ```
 */
export async function openMemoryStore(
  dir: string,
  options: OpenMemoryStoreOptions = {},
): Promise<MemoryStore> {
  const snapshot = await loadMemorySnapshot(dir, options);
  let rescore: RescoreOptions | undefined;
  if (snapshot.exactPath !== undefined) {
    rescore =
      options.rescore ??
      (snapshot.rescoreCandidates === undefined ? {} : { candidates: snapshot.rescoreCandidates });
    checkRescore(rescore, snapshot.storage);
  }
  return new MemoryStore({
    dim: snapshot.dim,
    metric: snapshot.metric,
    storage: snapshot.storage,
    rescore,
    snapshot,
  });
}
