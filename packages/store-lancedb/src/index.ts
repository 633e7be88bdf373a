/**
 * `@retrievekit/store-lancedb`: a vector store in an embedded LanceDB table (local folder or object
 * storage): exact flat search by default, optional IVF-PQ / IVF-flat / HNSW-SQ / HNSW-PQ indexes,
 * equality metadata filters as escaped SQL.
 *
 * @packageDocumentation
 */

export type { OpenLanceDbStoreOptions } from './create-lancedb-store.js';
export { createLanceDbStore, openLanceDbStore } from './create-lancedb-store.js';
export type { LanceDbIndexOptions, LanceDbIndexType, LanceDbStoreOptions } from './lancedb-options.js';
export { scoreOfDistance } from './lancedb-search.js';
export { LanceDbStore } from './lancedb-store.js';
