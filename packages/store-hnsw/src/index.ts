/**
 * `@retrievekit/store-hnsw`: an approximate (HNSW) vector store on usearch. HNSW candidates are
 * re-scored exactly from a float32 copy, so scores are exact and only recall is approximate.
 *
 * @packageDocumentation
 */

export { createHnswStore } from './create-hnsw-store.js';
export type { HnswQuantization, HnswStoreConfig, HnswStoreOptions } from './hnsw-options.js';
export { HnswStore } from './hnsw-store.js';
export type { OpenHnswStoreOptions } from './open-hnsw-store.js';
export { openHnswStore } from './open-hnsw-store.js';
