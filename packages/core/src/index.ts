/**
 * `@retrievekit/core`: the contracts every retrievekit package shares. Types and errors only; no
 * runtime dependencies.
 *
 * @packageDocumentation
 */

export type { DenseBatch } from './dense.js';
export { assertFiniteBatch, createDenseBatch, denseRow } from './dense.js';
export type { ErrorCode, ErrorLocation, RetrievekitErrorOptions } from './errors.js';
export { formatLocation, RetrievekitError, throwIfAborted } from './errors.js';
export { compareByteOrder, compareTrecOrder } from './order.js';
export type { LongTaskOptions, Progress } from './progress.js';
export { seededRandom } from './random.js';
export type { Qrels, RankedList, Run, RunEntry } from './ranking.js';
export type { RetrieveOptions, RetrieveRunOptions, Retriever } from './retriever.js';
export type { SparseVector } from './sparse.js';
export { createSparseVector, sparseDot } from './sparse.js';
export type { Judgment, Passage, Query } from './text.js';
export type {
  Metadata,
  MetadataEquals,
  MetadataFilter,
  MetadataPredicate,
  MetadataValue,
  VectorMetric,
  VectorRecords,
  VectorSearchOptions,
  VectorSearchResult,
  VectorStore,
  VectorStoreCapabilities,
  VectorStoreOpener,
} from './vector-store.js';
export {
  checkBatchShape,
  checkK,
  checkMagnitude,
  checkRecords,
  matchesEquals,
  prepareRows,
} from './vector-store-checks.js';
