import type { VectorMetric } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

/** ANN index types of LanceDB the store can build (see {@link LanceDbIndexOptions}). */
export type LanceDbIndexType = 'ivf_pq' | 'ivf_flat' | 'hnsw_sq' | 'hnsw_pq';

/** An approximate index: built by `LanceDbStore.buildIndex()`; makes `capabilities.exact` false. */
export interface LanceDbIndexOptions {
  /** The LanceDB index type. */
  readonly type: LanceDbIndexType;
  /**
   * Build parameters, passed to LanceDB's `Index.ivfPq` / `ivfFlat` / `hnswSq` / `hnswPq`
   * (`numPartitions`, `numSubVectors`, `m`, `efConstruction`, `sampleRate`, `maxIterations`...).
   */
  readonly params?: Readonly<Record<string, number>>;
  /** Search parameters: IVF partitions probed, HNSW `ef`, and `refineFactor` (exact re-ranking of k x refine). */
  readonly search?: { readonly nprobes?: number; readonly ef?: number; readonly refineFactor?: number };
}

/** Options of {@link createLanceDbStore}. */
export interface LanceDbStoreOptions {
  /**
   * Where the database lives: a local folder (default use) or any URI LanceDB's `connect` accepts
   * (`s3://bucket/path`, `gs://...`, `az://...`, `memory://`...); credentials via `storageOptions`.
   */
  readonly uri: string;
  /** Table name (default `'vectors'`). */
  readonly table?: string;
  /** Dimension of every vector. */
  readonly dim: number;
  /** Scoring (default `'dot'`), see `VectorMetric` of `@retrievekit/core`. */
  readonly metric?: VectorMetric;
  /** An ANN index to build with `buildIndex()`; without one every search is an exact flat scan. */
  readonly index?: LanceDbIndexOptions;
  /** `'create'` (default) fails if the table exists; `'overwrite'` replaces it. */
  readonly mode?: 'create' | 'overwrite';
  /** Passed to LanceDB's `connect` (object storage credentials, timeouts...). */
  readonly storageOptions?: Readonly<Record<string, string>>;
}

const METRICS: readonly VectorMetric[] = ['dot', 'cosine', 'l2'];
const INDEX_TYPES: readonly LanceDbIndexType[] = ['ivf_pq', 'ivf_flat', 'hnsw_sq', 'hnsw_pq'];

/** Throws `INVALID_ARGUMENT` unless `value` is a positive integer. */
export function checkPositiveInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be a positive integer, got ${value}`, {
      where: { field },
    });
  }
}

/** Checks the metric and index options (LanceDB checks the rest when it builds). */
export function checkLanceDbOptions(options: LanceDbStoreOptions): void {
  checkPositiveInteger(options.dim, 'dim');
  if (typeof options.uri !== 'string' || options.uri.length === 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', 'uri must be a non-empty string', {
      where: { field: 'uri' },
    });
  }
  const metric = options.metric ?? 'dot';
  if (!METRICS.includes(metric)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown metric "${String(metric)}"`, {
      where: { field: 'metric' },
      hint: `use one of ${METRICS.join(', ')}`,
    });
  }
  const { index } = options;
  if (index !== undefined && !INDEX_TYPES.includes(index.type)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown index type "${String(index.type)}"`, {
      where: { field: 'index.type' },
      hint: `use one of ${INDEX_TYPES.join(', ')}`,
    });
  }
}
