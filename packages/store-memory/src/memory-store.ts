import type {
  DenseBatch,
  LongTaskOptions,
  Metadata,
  VectorMetric,
  VectorRecords,
  VectorSearchOptions,
  VectorSearchResult,
  VectorStore,
  VectorStoreCapabilities,
} from '@retrievekit/core';
import { assertFiniteBatch, RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { searchBlocks } from './block-search.js';
import { ExactRows, temporaryExactPath } from './exact-rows.js';
import { WasmDotKernel } from './kernel/wasm-dot.js';
import type { MemoryStoreConfig } from './memory-store-config.js';
import { filterMask } from './metadata-filter.js';
import { normalizeRows } from './normalize.js';
import { saveMemoryStore } from './persistence.js';
import { rescoreHits } from './rescore.js';
import { RowStorage, type StorageType } from './row-storage.js';
import type { StoreSnapshot } from './snapshot.js';
import { checkBatchShape, checkK, checkRecords } from './validate.js';

/**
 * Exact in-memory vector store: batched queries are scored as a blocked matrix product by a
 * WebAssembly SIMD kernel, then reduced by per-query top-k heaps. Implements {@link VectorStore}.
 */
export class MemoryStore implements VectorStore {
  /** Dimension of every vector. */
  readonly dim: number;
  /** How scores are computed. */
  readonly metric: VectorMetric;
  /** How vectors are encoded in memory. */
  readonly storageType: StorageType;
  /** Exact for `'f32'`; persistence and predicate filters always. */
  readonly capabilities: VectorStoreCapabilities;
  private readonly rows: RowStorage;
  private readonly ids: string[] = [];
  private readonly metadata: (Metadata | undefined)[] = [];
  private readonly rowOf = new Map<string, number>();
  private squaredNorms = new Float32Array(0);
  private readonly kernel = new WasmDotKernel();
  private closed = false;
  private readonly exact: ExactRows | undefined;
  private readonly rescoreCandidates: number | undefined;

  /** Use {@link createMemoryStore} or {@link openMemoryStore}. */
  constructor(config: MemoryStoreConfig) {
    const { dim, metric, storage, rescore, snapshot } = config;
    this.dim = dim;
    this.metric = metric;
    this.storageType = storage;
    this.capabilities = { exact: storage === 'f32', persistence: true, predicateFilter: true };
    this.rows = new RowStorage(storage, dim);
    if (rescore !== undefined) {
      this.rescoreCandidates = rescore.candidates;
      this.exact = new ExactRows(dim, rescore.file ?? temporaryExactPath(), snapshot?.exactPath);
    }
    if (snapshot !== undefined) this.restore(snapshot);
  }

  /** Bytes per stored vector in memory and on disk (codes + per-vector scale for int8). */
  get bytesPerVector(): number {
    return this.rows.bytesPerVector;
  }

  /** Number of stored vectors. */
  async size(): Promise<number> {
    this.checkOpen();
    return this.rows.count;
  }

  /** Adds new records (all or nothing); `DUPLICATE_ID` for an id already stored. */
  async add(records: VectorRecords, options: LongTaskOptions = {}): Promise<void> {
    this.write(records, false, options);
  }

  /** Adds records, replacing vector and metadata of ids already stored. */
  async upsert(records: VectorRecords, options: LongTaskOptions = {}): Promise<void> {
    this.write(records, true, options);
  }

  /** Removes records by id (all or nothing); `NOT_FOUND` for an unknown id. */
  async delete(ids: readonly string[]): Promise<void> {
    this.checkOpen();
    const unique = new Set<string>();
    ids.forEach((id, index) => {
      if (!this.rowOf.has(id)) {
        throw new RetrievekitError('NOT_FOUND', `id "${id}" is not in the store`, {
          where: { field: 'ids', index },
          hint: 'nothing was deleted',
        });
      }
      if (unique.has(id)) {
        throw new RetrievekitError('DUPLICATE_ID', `id "${id}" appears twice`, {
          where: { field: 'ids', index },
        });
      }
      unique.add(id);
    });
    for (const id of unique) {
      const row = this.rowOf.get(id) as number;
      const last = this.rows.count - 1;
      if (row !== last) {
        const movedId = this.ids[last] as string;
        this.rows.move(last, row);
        this.ids[row] = movedId;
        this.metadata[row] = this.metadata[last];
        this.squaredNorms[row] = this.squaredNorms[last] as number;
        this.exact?.move(last, row);
        this.rowOf.set(movedId, row);
      }
      this.ids.pop();
      this.metadata.pop();
      this.rowOf.delete(id);
      this.rows.count = last;
    }
  }

  /** Top-k of every query row, best-first; see {@link VectorStore.search}. */
  async search(queries: DenseBatch, options: VectorSearchOptions): Promise<VectorSearchResult[]> {
    this.checkOpen();
    throwIfAborted(options.signal, 'search');
    checkK(options.k);
    checkBatchShape(queries, this.dim, 'queries');
    assertFiniteBatch(queries, 'queries');
    const count = this.rows.count;
    const prepared = this.metric === 'cosine' ? normalizeRows(queries, 'queries') : queries;
    const mask =
      options.filter === undefined ? undefined : filterMask(options.filter, this.metadata, this.ids, count);
    const { exact } = this;
    const candidates = Math.max(options.k, this.rescoreCandidates ?? 10 * options.k);
    const hits = searchBlocks({
      storage: this.rows,
      count,
      queries: prepared,
      k: exact === undefined ? options.k : candidates,
      metric: this.metric,
      squaredNorms: this.squaredNorms,
      mask,
      kernel: this.kernel,
      signal: options.signal,
    });
    const final = exact === undefined ? hits : rescoreHits(hits, prepared, options.k, this.metric, exact);
    return final.map(({ rows, scores }) => ({
      ids: Array.from(rows, (row) => this.ids[row] as string),
      scores,
    }));
  }

  /** Persists the store into `dir` atomically; see the README for the format. */
  async save(dir: string, options: LongTaskOptions = {}): Promise<void> {
    this.checkOpen();
    await saveMemoryStore(this.snapshot(), dir, options);
  }

  /** Releases the store (and deletes the private exact-vector file of int8 rescoring). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.exact?.close();
  }

  /** A copy of the store's contents, taken synchronously (later writes do not affect it). @internal */
  snapshot(): StoreSnapshot {
    const { count, dim } = this.rows;
    return {
      dim: this.dim,
      metric: this.metric,
      storage: this.storageType,
      count,
      codes: this.rows.codes.slice(0, count * dim),
      scales: this.rows.scales.slice(0, this.storageType === 'int8' ? count : 0),
      ids: this.ids.slice(),
      metadata: this.metadata.slice(),
      exact:
        this.exact === undefined
          ? undefined
          : {
              rows: this.exact,
              location: this.exact.location.slice(0, count),
              candidates: this.rescoreCandidates,
            },
    };
  }

  private restore(snapshot: StoreSnapshot): void {
    const { count } = snapshot;
    this.rows.reserve(count);
    this.rows.codes.set(snapshot.codes as never);
    this.rows.scales.set(snapshot.scales.subarray(0, this.storageType === 'int8' ? count : 0));
    this.rows.count = count;
    snapshot.ids.forEach((id, row) => {
      if (this.rowOf.has(id)) {
        throw new RetrievekitError('CORRUPT_DATA', `stored id "${id}" appears twice`, {
          where: { index: row },
        });
      }
      this.rowOf.set(id, row);
      this.ids.push(id);
      this.metadata.push(snapshot.metadata[row]);
    });
    if (this.exact !== undefined) {
      this.exact.reserve(count);
      for (let row = 0; row < count; row++) this.exact.location[row] = row;
    }
    this.squaredNorms = new Float32Array(Math.max(count, 64));
    if (this.metric === 'l2') for (let row = 0; row < count; row++) this.updateNorm(row);
  }

  private write(records: VectorRecords, replace: boolean, options: LongTaskOptions): void {
    this.checkOpen();
    throwIfAborted(options.signal, replace ? 'upsert' : 'add');
    checkRecords(records, this.dim, this.storageType);
    const { ids, metadata } = records;
    if (!replace) {
      ids.forEach((id, index) => {
        if (this.rowOf.has(id)) {
          throw new RetrievekitError('DUPLICATE_ID', `id "${id}" is already in the store`, {
            where: { field: 'ids', index },
            hint: 'use upsert to replace a stored vector',
          });
        }
      });
    }
    const vectors = this.metric === 'cosine' ? normalizeRows(records.vectors, 'vectors') : records.vectors;
    const appended = ids.reduce((n, id) => n + (this.rowOf.has(id) ? 0 : 1), 0);
    this.rows.reserve(this.rows.count + appended);
    this.exact?.reserve(this.rows.count + appended);
    if (this.squaredNorms.length < this.rows.count + appended) {
      const norms = new Float32Array(Math.max(this.rows.count + appended, this.squaredNorms.length * 2));
      norms.set(this.squaredNorms);
      this.squaredNorms = norms;
    }
    ids.forEach((id, index) => {
      let row = this.rowOf.get(id);
      if (row === undefined) {
        row = this.rows.count++;
        this.rowOf.set(id, row);
        this.ids.push(id);
        this.metadata.push(undefined);
      }
      this.rows.write(row, vectors.data, index);
      this.exact?.write(row, vectors.data, index);
      this.metadata[row] = metadata?.[index];
      if (this.metric === 'l2') this.updateNorm(row);
    });
    options.onProgress?.({ done: ids.length, total: ids.length, unit: 'vectors' });
  }

  private updateNorm(row: number): void {
    const values = this.rows.row(row);
    let sum = 0;
    for (let d = 0; d < values.length; d++) sum += (values[d] as number) * (values[d] as number);
    this.squaredNorms[row] = sum;
  }

  private checkOpen(): void {
    if (this.closed) {
      throw new RetrievekitError('INVALID_ARGUMENT', 'the store is closed', {
        hint: 'open or create a new store',
      });
    }
  }
}
