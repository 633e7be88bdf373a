/**
 * The `VectorStore` contract: what every retrievekit vector store (memory, HNSW, LanceDB, pgvector, ...)
 * implements and what the shared conformance suite in `@retrievekit/test-utils` checks.
 */
import type { DenseBatch } from './dense.js';
import type { LongTaskOptions } from './progress.js';

/**
 * How a query `q` and a stored vector `x` are scored. Higher is always better; results are best-first.
 *
 * - `'dot'` (default): `q · x`, unnormalised, as TAS-B and most dense retrievers are trained.
 * - `'cosine'`: `q · x / (|q| |x|)`, in [-1, 1]. Zero vectors are rejected (`INVALID_ARGUMENT`).
 * - `'l2'`: the NEGATIVE SQUARED Euclidean distance `-|q - x|²` (0 for an identical vector), so that the
 *   nearest vector has the highest score. Take `Math.sqrt(-score)` for the distance.
 */
export type VectorMetric = 'dot' | 'cosine' | 'l2';

/** A metadata value: scalars only, so every store (including SQL ones) can index and compare them. */
export type MetadataValue = string | number | boolean | null;

/** The metadata of one stored vector: a flat record of scalars. */
export type Metadata = Readonly<Record<string, MetadataValue>>;

/**
 * An equality filter: a record matches when, for every key, its metadata has that key with a strictly
 * equal value (`null` matches only an explicit `null`; a missing key never matches). Maps to SQL
 * `WHERE k1 = v1 AND k2 = v2 ...`, so every store supports it.
 */
export type MetadataEquals = Readonly<Record<string, MetadataValue>>;

/**
 * A predicate filter, run on each record's metadata (`{}` when it has none). Only stores whose
 * {@link VectorStoreCapabilities.predicateFilter} is true accept it; the others throw `UNSUPPORTED`.
 */
export type MetadataPredicate = (metadata: Metadata, id: string) => boolean;

/** A metadata filter of a search: an equality object or (where supported) a predicate. */
export type MetadataFilter = MetadataEquals | MetadataPredicate;

/**
 * Vectors to add or upsert: `ids[i]` names row `i` of `vectors`; `metadata[i]`, when given, is its
 * metadata. `ids.length` must equal `vectors.rows` (and `metadata.length` when present).
 */
export interface VectorRecords {
  /** One non-empty string id per row, unique within the batch. */
  readonly ids: readonly string[];
  /** The vectors, `rows x dim` of the store. Every value must be finite. */
  readonly vectors: DenseBatch;
  /** Optional metadata per row (`undefined` entries mean none). */
  readonly metadata?: readonly (Metadata | undefined)[];
}

/** Options of {@link VectorStore.search}. */
export interface VectorSearchOptions {
  /** How many results per query: a positive integer. Fewer come back when fewer records match. */
  readonly k: number;
  /** Only records matching this filter are ranked. */
  readonly filter?: MetadataFilter;
  /** Cancels the search; it then rejects with code `ABORTED`. */
  readonly signal?: AbortSignal;
}

/**
 * The results of one query, best-first: `scores[r]` is the score (see {@link VectorMetric}) of
 * `ids[r]`. Both have the same length, at most `k`. Ties come in an unspecified order.
 */
export interface VectorSearchResult {
  /** Ids of the best records, best first. */
  readonly ids: readonly string[];
  /** Their scores, non-increasing. */
  readonly scores: Float32Array;
}

/** What a store can do; the conformance suite reads it to choose its checks. */
export interface VectorStoreCapabilities {
  /**
   * True when search returns the exact top-k of the stored vectors (as scored in float32, up to
   * rounding ties). Approximate stores (HNSW, quantised storage) promise recall instead.
   */
  readonly exact: boolean;
  /** True when {@link VectorStore.save} works (and the store's package offers a matching `open`). */
  readonly persistence: boolean;
  /** True when predicate filters ({@link MetadataPredicate}) are accepted. */
  readonly predicateFilter: boolean;
}

/**
 * A collection of dense vectors with string ids, searched by top-k.
 *
 * Errors (all `RetrievekitError`): `DIMENSION_MISMATCH` (a batch's dim differs from the store's),
 * `NON_FINITE` (NaN/Infinity: the message names row and dimension), `DUPLICATE_ID` (add of an existing
 * id, or the same id twice in one batch), `NOT_FOUND` (delete of an unknown id), `INVALID_ARGUMENT`
 * (k not a positive integer, empty id, cosine zero vector), `UNSUPPORTED`, `CORRUPT_DATA` (persisted
 * files damaged), `ABORTED`. A failing batch operation changes nothing (all or nothing).
 *
 * Concurrency: every search sees one consistent snapshot of the store, even while writes run.
 * An empty store (or a filter that matches nothing) gives empty results, not an error.
 *
 * @example
 * ```ts
 * const store = createMemoryStore({ dim: 768 }); // metric 'dot'
 * await store.add({ ids: ['d1', 'd2'], vectors: createDenseBatch(passageVectors, 2, 768) });
 * const [hits] = await store.search(createDenseBatch(queryVector, 1, 768), { k: 10 });
 * hits?.ids; // ['d2', 'd1']
 * ```
 */
export interface VectorStore {
  /** Dimension of every vector. */
  readonly dim: number;
  /** How scores are computed. */
  readonly metric: VectorMetric;
  /** What this store supports. */
  readonly capabilities: VectorStoreCapabilities;
  /** Number of stored vectors. */
  size(): Promise<number>;
  /** Adds new records; throws `DUPLICATE_ID` if an id is already stored. */
  add(records: VectorRecords, options?: LongTaskOptions): Promise<void>;
  /** Adds records, replacing (vector and metadata) those whose id is already stored. */
  upsert(records: VectorRecords, options?: LongTaskOptions): Promise<void>;
  /** Removes records by id; throws `NOT_FOUND` (removing nothing) if any id is unknown. */
  delete(ids: readonly string[]): Promise<void>;
  /**
   * Top-k of every query row of `queries` (a `rows x dim` batch): one result per query row, in order.
   */
  search(queries: DenseBatch, options: VectorSearchOptions): Promise<VectorSearchResult[]>;
  /**
   * Persists the store into folder `dir` (created if needed, its store files replaced atomically).
   * Throws `UNSUPPORTED` when `capabilities.persistence` is false.
   */
  save(dir: string, options?: LongTaskOptions): Promise<void>;
  /** Releases resources. Any later call throws `INVALID_ARGUMENT`. Idempotent. */
  close(): Promise<void>;
}

/** Opens a store previously persisted with {@link VectorStore.save}. */
export type VectorStoreOpener = (dir: string, options?: LongTaskOptions) => Promise<VectorStore>;
