import type { HnswStoreOptions } from './hnsw-options.js';
import { resolveHnswOptions } from './hnsw-options.js';
import { createUsearchIndex, HnswStore } from './hnsw-store.js';
import { RecordSlots } from './record-slots.js';

/**
 * Creates an empty HNSW vector store (usearch). Defaults: metric `'dot'`, connectivity (M) 16,
 * expansionAdd (efConstruction) 128, expansionSearch (efSearch) 64, quantization `'f32'`. Throws
 * `INVALID_ARGUMENT` on bad options and `UNSUPPORTED` for `'i8'` with a metric other than cosine.
 *
 * @example
 * ```ts
 * const store = createHnswStore({ dim: 768 }); // dot product, like TAS-B
 * await store.add({ ids: ['d1', 'd2'], vectors: createDenseBatch(passageVectors, 2, 768) });
 * const [hits] = await store.search(createDenseBatch(queryVector, 1, 768), { k: 10 });
 * await store.save('./passages.hnsw');
 * ```
 */
export function createHnswStore(options: HnswStoreOptions): HnswStore {
  const config = resolveHnswOptions(options);
  return new HnswStore(config, createUsearchIndex(config), new RecordSlots(config.dim));
}
