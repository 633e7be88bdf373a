import type {
  DenseBatch,
  LongTaskOptions,
  VectorMetric,
  VectorRecords,
  VectorSearchOptions,
  VectorSearchResult,
  VectorStore,
  VectorStoreCapabilities,
} from '@retrievekit/core';
import {
  assertFiniteBatch,
  checkBatchShape,
  checkK,
  checkRecords,
  prepareRows,
  RetrievekitError,
  throwIfAborted,
} from '@retrievekit/core';
import { Index } from 'usearch';
import type { HnswStoreConfig } from './hnsw-options.js';
import { usearchMetric } from './hnsw-options.js';
import { searchHnsw } from './hnsw-search.js';
import { compileFilter } from './metadata-filter.js';
import { saveHnswStore } from './persistence.js';
import type { RecordSlots } from './record-slots.js';

/** Creates the usearch index of `config`. @internal */
export function createUsearchIndex(config: HnswStoreConfig): Index {
  return new Index({
    dimensions: config.dim,
    metric: usearchMetric(config.metric) as never,
    quantization: config.quantization as never,
    connectivity: config.connectivity,
    expansion_add: config.expansionAdd,
    expansion_search: config.expansionSearch,
    multi: false,
  });
}

/**
 * Approximate vector store: an HNSW graph (usearch) finds candidates, an exact float32 copy of the
 * vectors scores them. Implements `VectorStore` of `@retrievekit/core` (`capabilities.exact` false).
 * Create with {@link createHnswStore}, reopen with {@link openHnswStore}.
 */
export class HnswStore implements VectorStore {
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly capabilities: VectorStoreCapabilities = { exact: false, persistence: true, predicateFilter: true };
  /** The validated options (HNSW parameters, quantisation). */
  readonly config: HnswStoreConfig;
  private readonly index: Index;
  private readonly slots: RecordSlots;
  private closed = false;

  /** Use {@link createHnswStore} or {@link openHnswStore}. @internal */
  constructor(config: HnswStoreConfig, index: Index, slots: RecordSlots) {
    this.config = config;
    this.dim = config.dim;
    this.metric = config.metric;
    this.index = index;
    this.slots = slots;
  }

  async size(): Promise<number> {
    this.checkOpen();
    return this.slots.count;
  }

  async add(records: VectorRecords, options: LongTaskOptions = {}): Promise<void> {
    this.write(records, false, options);
  }

  async upsert(records: VectorRecords, options: LongTaskOptions = {}): Promise<void> {
    this.write(records, true, options);
  }

  async delete(ids: readonly string[]): Promise<void> {
    this.checkOpen();
    const unique = new Set<string>();
    ids.forEach((id, index) => {
      if (!this.slots.slotOf.has(id)) {
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
    const keys = BigUint64Array.from(unique, (id) => BigInt(this.slots.slotOf.get(id) as number));
    if (keys.length > 0) this.index.remove(keys);
    for (const key of keys) this.slots.release(Number(key));
  }

  async search(queries: DenseBatch, options: VectorSearchOptions): Promise<VectorSearchResult[]> {
    this.checkOpen();
    throwIfAborted(options.signal, 'search');
    checkK(options.k);
    checkBatchShape(queries, this.dim, 'queries');
    assertFiniteBatch(queries, 'queries');
    if (queries.rows === 0) return [];
    const prepared = prepareRows(queries, this.metric, 'queries');
    let accept: Uint8Array | undefined;
    let matches = this.slots.count;
    if (options.filter !== undefined) {
      const test = compileFilter(options.filter);
      const { ids, metadata } = this.slots;
      accept = new Uint8Array(ids.length);
      matches = 0;
      for (let slot = 0; slot < ids.length; slot++) {
        const id = ids[slot];
        if (id !== undefined && test(metadata[slot], id)) {
          accept[slot] = 1;
          matches++;
        }
      }
    }
    const context = {
      index: this.index,
      slots: this.slots,
      metric: this.metric,
      expansionSearch: this.config.expansionSearch,
      signal: options.signal,
    };
    return searchHnsw(context, prepared, queries.rows, options.k, accept, matches);
  }

  async save(dir: string, options: LongTaskOptions = {}): Promise<void> {
    this.checkOpen();
    await saveHnswStore(this.config, this.index, this.slots, dir, options);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private write(records: VectorRecords, replace: boolean, options: LongTaskOptions): void {
    this.checkOpen();
    throwIfAborted(options.signal, replace ? 'upsert' : 'add');
    checkRecords(records, this.dim);
    const { ids, metadata } = records;
    const { slotOf } = this.slots;
    if (!replace) {
      ids.forEach((id, index) => {
        if (slotOf.has(id)) {
          throw new RetrievekitError('DUPLICATE_ID', `id "${id}" is already in the store`, {
            where: { field: 'ids', index },
            hint: 'use upsert to replace a stored vector',
          });
        }
      });
    }
    const data = prepareRows(records.vectors, this.metric, 'vectors');
    if (ids.length === 0) return;
    const replaced = ids.filter((id) => slotOf.has(id)).map((id) => slotOf.get(id) as number);
    if (replaced.length > 0) this.index.remove(BigUint64Array.from(replaced, BigInt));
    const fresh = this.slots.allocate(ids.length - replaced.length);
    let next = 0;
    const keys = BigUint64Array.from(ids, (id) => BigInt(slotOf.get(id) ?? (fresh[next++] as number)));
    try {
      this.index.add(keys, data, 0);
    } catch (cause) {
      throw new RetrievekitError('RUNTIME', 'usearch failed to add the vectors', {
        hint: 'the store may be out of memory; it is left inconsistent, reopen it from a save',
        cause,
      });
    }
    ids.forEach((id, row) => {
      this.slots.write(Number(keys[row]), id, data, row, metadata?.[row]);
    });
    options.onProgress?.({ done: ids.length, total: ids.length, unit: 'vectors' });
  }

  private checkOpen(): void {
    if (this.closed) {
      throw new RetrievekitError('INVALID_ARGUMENT', 'the store is closed', {
        hint: 'open or create a new store',
      });
    }
  }
}
