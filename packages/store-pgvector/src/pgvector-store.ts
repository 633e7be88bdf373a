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
import { assertFiniteBatch, RetrievekitError, throwIfAborted } from '@retrievekit/core';
import type { PgVectorType } from './metric-sql.js';
import { arrayLiteral, vectorArrayBinary } from './pg-params.js';
import { savePGliteStore } from './pglite-persistence.js';
import type { PGliteLike } from './pglite-sql-client.js';
import type { HnswIndexOptions, IvfflatIndexOptions } from './pgvector-store-options.js';
import { searchSettings } from './search-settings.js';
import type { SqlClient, SqlExecutor } from './sql-client.js';
import type { TableSql } from './table-sql.js';
import { checkBatchShape, checkK, checkMetadata, checkNonZeroRows, checkRecords } from './validate.js';

const WRITE_CHUNK = 1000;
const MAX_LIMIT = 2_147_483_647;

/** Everything a {@link PgVectorStore} is built from (see `createPgVectorStore`). */
export interface PgVectorStoreParts {
  readonly client: SqlClient;
  readonly sql: TableSql;
  readonly table: string;
  readonly schema: string | undefined;
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly vectorType: PgVectorType;
  readonly index: HnswIndexOptions | IvfflatIndexOptions | undefined;
  /** The embedded database, when the store runs on PGlite (enables `save`). */
  readonly pglite: PGliteLike | undefined;
  /** OID of the `vector` type in this database. */
  readonly vectorOid: number;
}

/** A {@link VectorStore} in a PostgreSQL table with a pgvector column; see `createPgVectorStore`. */
export class PgVectorStore implements VectorStore {
  /** Dimension of every vector. */
  readonly dim: number;
  /** How scores are computed (see the README's metric table). */
  readonly metric: VectorMetric;
  /**
   * `exact`: no index and float32 storage; `persistence`: PGlite backend; `predicateFilter`: always false
   * (a JavaScript predicate cannot run inside PostgreSQL).
   */
  readonly capabilities: VectorStoreCapabilities;
  /** `'vector'` (float32) or `'halfvec'` (float16) storage. */
  readonly vectorType: PgVectorType;
  /** The quoted, schema-qualified table name. */
  readonly table: string;
  private readonly parts: PgVectorStoreParts;
  private closed = false;

  /** Use `createPgVectorStore` / `openPgVectorStore`; this wraps parts they prepared. */
  constructor(parts: PgVectorStoreParts) {
    this.parts = parts;
    this.dim = parts.dim;
    this.metric = parts.metric;
    this.vectorType = parts.vectorType;
    this.table = parts.sql.qualified;
    this.capabilities = {
      exact: parts.index === undefined && parts.vectorType === 'vector',
      persistence: parts.pglite !== undefined,
      predicateFilter: false,
    };
  }

  /** Number of stored vectors. */
  async size(): Promise<number> {
    this.checkOpen();
    const { rows } = await this.parts.client.query<{ n: number }>(this.parts.sql.count);
    return Number(rows[0]?.n ?? 0);
  }

  /** Adds new records in one transaction; `DUPLICATE_ID` (nothing stored) if an id exists. */
  async add(records: VectorRecords, options: LongTaskOptions = {}): Promise<void> {
    await this.write(records, options, false);
  }

  /** Adds records, replacing vector and metadata of stored ids (`INSERT ... ON CONFLICT DO UPDATE`). */
  async upsert(records: VectorRecords, options: LongTaskOptions = {}): Promise<void> {
    await this.write(records, options, true);
  }

  /** Removes records by id in one transaction; `NOT_FOUND` (nothing removed) if any id is unknown. */
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
    if (unique.size === 0) return;
    await this.parts.client.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(this.parts.sql.remove, [arrayLiteral([...unique])]);
      if (rows.length === unique.size) return;
      const removed = new Set(rows.map((row) => row.id));
      const index = ids.findIndex((id) => !removed.has(id));
      throw new RetrievekitError('NOT_FOUND', `id "${ids[index]}" is not in the store`, {
        where: { field: 'ids', index },
        hint: 'nothing was deleted',
      });
    });
  }

  /** Top-k of every query row in ONE statement (`unnest` of the queries + a LATERAL top-k per query). */
  async search(queries: DenseBatch, options: VectorSearchOptions): Promise<VectorSearchResult[]> {
    this.checkOpen();
    throwIfAborted(options.signal, 'search');
    checkK(options.k);
    checkBatchShape(queries, this.dim, 'queries');
    assertFiniteBatch(queries, 'queries');
    if (this.metric === 'cosine') checkNonZeroRows(queries, 'queries');
    const { filter } = options;
    if (typeof filter === 'function') {
      throw new RetrievekitError('UNSUPPORTED', 'predicate filters cannot run inside PostgreSQL', {
        where: { field: 'filter' },
        hint: 'use an equality filter object ({ key: value }), matched with metadata @> filter',
      });
    }
    if (filter !== undefined) checkMetadata(filter, 'filter');
    if (queries.rows === 0) return [];
    const params: unknown[] = [
      vectorArrayBinary(queries, 0, queries.rows, this.parts.vectorOid),
      Math.min(options.k, MAX_LIMIT),
    ];
    if (filter !== undefined) params.push(JSON.stringify(filter));
    const settings = searchSettings(this.parts.index, options.k);
    const { rows } = await this.parts.client.transaction(async (tx) => {
      await tx.query(settings.sql, settings.params);
      return tx.query<{ q: number; id: string; score: number }>(
        this.parts.sql.search(filter !== undefined),
        params,
      );
    });
    throwIfAborted(options.signal, 'search');
    const ids: string[][] = Array.from({ length: queries.rows }, () => []);
    const scores: number[][] = Array.from({ length: queries.rows }, () => []);
    for (const row of rows) {
      ids[row.q - 1]?.push(row.id);
      scores[row.q - 1]?.push(Number(row.score));
    }
    return ids.map((list, q) => ({ ids: list, scores: Float32Array.from(scores[q] ?? []) }));
  }

  /**
   * PGlite: writes the database (a `dumpDataDir` tarball + manifest, atomically) into `dir`; reopen with
   * `openPgVectorStore(dir)`. A server (pg client): `UNSUPPORTED`, the data already lives in the database.
   */
  async save(dir: string, options: LongTaskOptions = {}): Promise<void> {
    this.checkOpen();
    const { pglite } = this.parts;
    if (pglite === undefined) {
      throw new RetrievekitError('UNSUPPORTED', 'save works on the embedded PGlite backend only', {
        where: { field: 'dir' },
        hint: 'on a PostgreSQL server the table is already persistent: reconnect with createPgVectorStore',
      });
    }
    await savePGliteStore(pglite, dir, this.parts, options);
  }

  /** Ends a pool or PGlite the store started (a client you passed stays open). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.parts.client.close();
  }

  private async write(records: VectorRecords, options: LongTaskOptions, replace: boolean): Promise<void> {
    this.checkOpen();
    throwIfAborted(options.signal, replace ? 'upsert' : 'add');
    checkRecords(records, this.dim, this.vectorType, this.metric === 'cosine');
    const { ids, vectors, metadata } = records;
    const { sql } = this.parts;
    await this.parts.client
      .transaction(async (tx) => {
        if (!replace) await this.rejectExisting(tx, ids);
        for (let start = 0; start < ids.length; start += WRITE_CHUNK) {
          throwIfAborted(options.signal, replace ? 'upsert' : 'add');
          const end = Math.min(ids.length, start + WRITE_CHUNK);
          const meta = Array.from({ length: end - start }, (_, i) =>
            JSON.stringify(metadata?.[start + i] ?? {}),
          );
          await tx.query(replace ? sql.upsert : sql.insert, [
            arrayLiteral(ids.slice(start, end)),
            vectorArrayBinary(vectors, start, end, this.parts.vectorOid),
            arrayLiteral(meta),
          ]);
          options.onProgress?.({ done: end, total: ids.length, unit: 'vectors' });
        }
      })
      .catch((error: unknown) => {
        // A concurrent writer added one of the ids between the check and the insert.
        if ((error as { code?: unknown }).code === '23505') {
          throw new RetrievekitError('DUPLICATE_ID', 'an id of the batch was added concurrently', {
            where: { field: 'ids' },
            hint: 'nothing was stored; use upsert to replace stored records',
            cause: error,
          });
        }
        throw error;
      });
  }

  private async rejectExisting(tx: SqlExecutor, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const { rows } = await tx.query<{ id: string }>(this.parts.sql.existing, [arrayLiteral(ids)]);
    const found = rows[0]?.id;
    if (found !== undefined) {
      throw new RetrievekitError('DUPLICATE_ID', `id "${found}" is already in the store`, {
        where: { field: 'ids', index: ids.indexOf(found) },
        hint: 'use upsert to replace stored records',
      });
    }
  }

  private checkOpen(): void {
    if (this.closed) {
      throw new RetrievekitError('INVALID_ARGUMENT', 'the store is closed', {
        hint: 'create or open a new store',
      });
    }
  }
}
