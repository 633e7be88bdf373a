import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** What the store needs of a PGlite instance (structural: `PGlite` from `@electric-sql/pglite` fits). */
export interface PGliteLike {
  query<Row>(sql: string, params?: unknown[], options?: PGliteQueryOptions): Promise<{ rows: Row[] }>;
  transaction<T>(
    work: (tx: {
      query<Row>(sql: string, params?: unknown[], options?: PGliteQueryOptions): Promise<{ rows: Row[] }>;
    }) => Promise<T>,
  ): Promise<T>;
  dumpDataDir(compression?: 'auto' | 'gzip' | 'none'): Promise<File | Blob>;
  close(): Promise<void>;
}

/** True when `client` looks like a PGlite instance rather than a node-postgres client or pool. */
export function isPGlite(client: unknown): client is PGliteLike {
  const candidate = client as Partial<PGliteLike> | null;
  return typeof candidate?.dumpDataDir === 'function' && typeof candidate.transaction === 'function';
}

/** Per-query options of PGlite that the store uses: serializers by parameter type OID. */
export interface PGliteQueryOptions {
  serializers?: Record<number, (value: unknown) => unknown>;
}

// PGlite text-serialises parameters by their type's serializer, or `toString()` for types it does not
// know (pgvector's). Parameters are therefore pre-serialised here (numbers to text) and passed through
// unchanged: a Uint8Array then goes out as a binary parameter, as node-postgres sends a Buffer.
const PASS_THROUGH: Record<number, (value: unknown) => unknown> = new Proxy(
  {},
  { get: () => (value: unknown) => value },
);

function executor(db: Pick<PGliteLike, 'query'>): SqlExecutor {
  return {
    query: async <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) => {
      const values = params.map((value) => (typeof value === 'number' ? String(value) : value));
      const result = await db.query<Row>(sql, values, { serializers: PASS_THROUGH });
      return { rows: result.rows };
    },
  };
}

/** Wraps a PGlite instance; `owned` ones (started by the store) are closed by `close`. */
export function pgliteSqlClient(db: PGliteLike, owned: boolean): SqlClient & { readonly db: PGliteLike } {
  return {
    kind: 'pglite',
    db,
    ...executor(db),
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    close: async () => {
      if (owned) await db.close();
    },
  };
}

/**
 * Starts an embedded PGlite (Postgres 18 in WebAssembly) with the pgvector extension loaded and created.
 * `loadDataDir` restores a data directory tarball written by `dumpDataDir`.
 */
export async function startPGlite(loadDataDir?: Blob): Promise<PGliteLike> {
  const db = await PGlite.create({
    extensions: { vector },
    ...(loadDataDir === undefined ? {} : { loadDataDir }),
  });
  await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
  return db as unknown as PGliteLike;
}
