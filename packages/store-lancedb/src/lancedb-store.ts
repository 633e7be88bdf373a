import type { Connection, Table } from '@lancedb/lancedb';
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
import type { Schema } from 'apache-arrow';
import { buildVectorIndex } from './build-index.js';
import { exportTable } from './export-table.js';
import type { LanceDbIndexOptions } from './lancedb-options.js';
import { searchLanceDb } from './lancedb-search.js';
import { equalityWhere, idsIn } from './sql.js';
import { recordsTable, type TableDescription, tableSchema } from './table-schema.js';

const ID_CHUNK = 500;

/**
 * A vector store in an embedded LanceDB table (a local folder, or object storage). Exact flat search
 * unless an ANN index is configured (then `capabilities.exact` is false). Implements `VectorStore`.
 * Create with {@link createLanceDbStore}, open with {@link openLanceDbStore}.
 */
export class LanceDbStore implements VectorStore {
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly capabilities: VectorStoreCapabilities;
  /** The ANN index configured for this table, if any. */
  readonly index: LanceDbIndexOptions | undefined;
  /** The URI of the database and the table name. */
  readonly location: { readonly uri: string; readonly table: string };
  private readonly connection: Connection;
  private readonly table: Table;
  /**
   * The table's schema built from this package's own `apache-arrow` import: under plain Node ESM,
   * LanceDB (CommonJS) loads Arrow's CommonJS build, a second copy whose classes our `makeData`
   * does not recognise, so `table.schema()` must not be used to build record batches.
   */
  private readonly schema: Schema;
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;

  /** Use {@link createLanceDbStore} or {@link openLanceDbStore}. @internal */
  constructor(connection: Connection, table: Table, description: TableDescription, uri: string) {
    this.connection = connection;
    this.table = table;
    this.dim = description.dim;
    this.metric = description.metric;
    this.index = description.index;
    this.location = { uri, table: table.name };
    this.schema = tableSchema(description);
    this.capabilities = { exact: description.index === undefined, persistence: true, predicateFilter: false };
  }

  async size(): Promise<number> {
    this.checkOpen();
    return this.table.countRows();
  }

  async add(records: VectorRecords, options: LongTaskOptions = {}): Promise<void> {
    return this.write(records, false, options);
  }

  async upsert(records: VectorRecords, options: LongTaskOptions = {}): Promise<void> {
    return this.write(records, true, options);
  }

  async delete(ids: readonly string[]): Promise<void> {
    this.checkOpen();
    const unique = new Set<string>();
    ids.forEach((id, index) => {
      if (unique.has(id)) {
        throw new RetrievekitError('DUPLICATE_ID', `id "${id}" appears twice`, {
          where: { field: 'ids', index },
        });
      }
      unique.add(id);
    });
    await this.exclusive(async () => {
      const stored = await this.storedIds(ids);
      ids.forEach((id, index) => {
        if (!stored.has(id)) {
          throw new RetrievekitError('NOT_FOUND', `id "${id}" is not in the store`, {
            where: { field: 'ids', index },
            hint: 'nothing was deleted',
          });
        }
      });
      if (ids.length > 0) await this.table.delete(idsIn(ids));
    });
  }

  async search(queries: DenseBatch, options: VectorSearchOptions): Promise<VectorSearchResult[]> {
    this.checkOpen();
    throwIfAborted(options.signal, 'search');
    checkK(options.k);
    checkBatchShape(queries, this.dim, 'queries');
    assertFiniteBatch(queries, 'queries');
    if (this.metric === 'cosine') prepareRows(queries, 'cosine', 'queries');
    const { filter } = options;
    if (typeof filter === 'function') {
      throw new RetrievekitError('UNSUPPORTED', 'LanceDB stores take equality filters only, not predicates', {
        where: { field: 'filter' },
        hint: 'pass an object such as { lang: "en" }; it becomes a SQL where clause',
      });
    }
    if (queries.rows === 0) return [];
    const results = await searchLanceDb({
      table: this.table,
      metric: this.metric,
      queries: queries.data,
      rows: queries.rows,
      dim: this.dim,
      k: options.k,
      where: filter === undefined ? undefined : equalityWhere(filter),
      index: this.index,
    });
    throwIfAborted(options.signal, 'search');
    return results;
  }

  /**
   * Builds the configured ANN index over the rows stored now (rows added later are searched by a flat
   * scan and merged until the next build). Throws `UNSUPPORTED` when no `index` option was given.
   */
  async buildIndex(options: LongTaskOptions = {}): Promise<void> {
    this.checkOpen();
    const { index } = this;
    if (index === undefined) {
      throw new RetrievekitError('UNSUPPORTED', 'this store has no index configured', {
        where: { field: 'index' },
        hint: "create the store with an index option, e.g. { type: 'ivf_pq' }",
      });
    }
    await this.exclusive(() => buildVectorIndex(this.table, index, this.metric, options));
  }

  /**
   * Copies the table (one snapshot, one commit) into the LanceDB database at `dir` (a folder or any
   * LanceDB URI), replacing a table of the same name there; rebuilds the index there if one is built
   * here. Throws `UNSUPPORTED` when `dir` is this store's own database: its data is already durable
   * there after every write.
   */
  async save(dir: string, options: LongTaskOptions = {}): Promise<void> {
    this.checkOpen();
    throwIfAborted(options.signal, 'save');
    await exportTable(this.table, this.location, dir, this.index, this.metric, options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.catch(() => undefined);
    this.table.close();
    this.connection.close();
  }

  private write(records: VectorRecords, replace: boolean, options: LongTaskOptions): Promise<void> {
    this.checkOpen();
    throwIfAborted(options.signal, replace ? 'upsert' : 'add');
    checkRecords(records, this.dim);
    if (this.metric === 'cosine') prepareRows(records.vectors, 'cosine', 'vectors');
    return this.exclusive(async () => {
      const { ids } = records;
      if (ids.length === 0) return;
      const data = recordsTable(records, this.schema);
      if (replace) {
        await this.table.mergeInsert('id').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(data);
      } else {
        const stored = await this.storedIds(ids);
        ids.forEach((id, index) => {
          if (stored.has(id)) {
            throw new RetrievekitError('DUPLICATE_ID', `id "${id}" is already in the store`, {
              where: { field: 'ids', index },
              hint: 'use upsert to replace a stored vector',
            });
          }
        });
        await this.table.add(data);
      }
      options.onProgress?.({ done: ids.length, total: ids.length, unit: 'vectors' });
    });
  }

  /** The ids of `ids` that are stored. */
  private async storedIds(ids: readonly string[]): Promise<Set<string>> {
    const stored = new Set<string>();
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const chunk = ids.slice(start, start + ID_CHUNK);
      const rows = (await this.table.query().where(idsIn(chunk)).select(['id']).toArray()) as {
        id: string;
      }[];
      for (const row of rows) stored.add(row.id);
    }
    return stored;
  }

  /** Runs `work` after every earlier write (writes never interleave; searches never wait). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work, work);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private checkOpen(): void {
    if (this.closed) {
      throw new RetrievekitError('INVALID_ARGUMENT', 'the store is closed', {
        hint: 'open or create a new store',
      });
    }
  }
}
