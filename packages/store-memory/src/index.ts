/**
 * `@retrievekit/store-memory`: exact in-memory vector search (WebAssembly SIMD blocked matrix
 * product + top-k), f32 / f16 / int8 storage, atomic checksummed persistence.
 *
 * The `VectorStore` contract it implements lives in `@retrievekit/core`.
 *
 * @packageDocumentation
 */

export type { MemoryStoreOptions } from './create-memory-store.js';
export { createMemoryStore } from './create-memory-store.js';
export { F16_MAX, floatToHalfBits, halfBitsToFloat } from './f16.js';
export { MemoryStore } from './memory-store.js';
export type { MemoryStoreConfig, RescoreOptions } from './memory-store-config.js';
export type { OpenMemoryStoreOptions } from './open-memory-store.js';
export { openMemoryStore } from './open-memory-store.js';
export type { StorageType } from './row-storage.js';
