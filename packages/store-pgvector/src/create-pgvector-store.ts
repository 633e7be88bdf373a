import { RetrievekitError } from '@retrievekit/core';
import { pgPoolFor, pgSqlClient } from './pg-sql-client.js';
import { isPGlite, type PGliteLike, pgliteSqlClient, startPGlite } from './pglite-sql-client.js';
import { PgVectorStore } from './pgvector-store.js';
import type { PgVectorStoreOptions } from './pgvector-store-options.js';
import type { SqlClient } from './sql-client.js';
import { tableSql } from './table-sql.js';
import { checkStoreOptions } from './validate-options.js';

/**
 * Creates (or reconnects to) a pgvector-backed vector store: the table is created if missing, its
 * `embedding` column must have the configured type and dimension, and the index (if any) is built.
 *
 * @example
 * ```ts
 * // embedded PGlite (in process, in memory; save()/openPgVectorStore() persist it)
 * const store = await createPgVectorStore({ dim: 768 });
 * // a PostgreSQL server with pgvector, HNSW index, cosine
 * const remote = await createPgVectorStore({
 *   connectionString: 'postgres://app@db:5432/search', table: 'passages', dim: 768, metric: 'cosine',
 *   index: { type: 'hnsw', m: 16, efConstruction: 64, efSearch: 100 },
 * });
 * ```
 */
export async function createPgVectorStore(options: PgVectorStoreOptions): Promise<PgVectorStore> {
  const settings = checkStoreOptions(options);
  let client: SqlClient;
  let pglite: PGliteLike | undefined;
  if (options.client !== undefined) {
    if (isPGlite(options.client)) {
      pglite = options.client;
      client = pgliteSqlClient(pglite, false);
      await client.query('CREATE EXTENSION IF NOT EXISTS vector');
    } else {
      client = pgSqlClient(options.client, false);
    }
  } else if (options.connectionString !== undefined) {
    client = await pgPoolFor(options.connectionString, options.maxConnections ?? 10);
  } else {
    pglite = await startPGlite();
    client = pgliteSqlClient(pglite, true);
  }
  try {
    return await connectStore(client, pglite, settings);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

/** Creates the table and index when missing, checks the column type, and wraps it all in a store. */
export async function connectStore(
  client: SqlClient,
  pglite: PGliteLike | undefined,
  settings: ReturnType<typeof checkStoreOptions>,
): Promise<PgVectorStore> {
  const sql = tableSql(settings);
  await client.query(sql.create);
  const { rows } = await client.query<{ type: string | null }>(sql.columnType, [sql.qualified]);
  const expected = `${settings.vectorType}(${settings.dim})`;
  const actual = rows[0]?.type;
  if (actual !== expected) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `table ${sql.qualified} has embedding column ${actual ?? '(none)'}, the store needs ${expected}`,
      {
        where: { field: 'table' },
        hint: 'use another table name, or the dim/vectorType the table was made with',
      },
    );
  }
  if (sql.createIndex !== undefined) await client.query(sql.createIndex);
  const oid = await client.query<{ oid: number }>(sql.vectorOid);
  const vectorOid = Number(oid.rows[0]?.oid);
  return new PgVectorStore({ client, sql, pglite, vectorOid, ...settings });
}
