import type { Metadata, VectorMetric, VectorStore } from '@retrievekit/core';

/** The contract's `VectorMetric` (from `@retrievekit/core`). */
export type StoreMetric = VectorMetric;

/** The contract's `Metadata` (from `@retrievekit/core`). */
export type StoreMetadata = Metadata;

/** A store under test: any implementation of the core `VectorStore` contract. */
export type ConformanceStore = VectorStore;
