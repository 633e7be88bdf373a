import type { SqlClient, SqlExecutor } from './sql-client.js';

/** What the store needs of a node-postgres `Client` or `PoolClient` (structural, so any `pg` version fits). */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** What the store needs of a node-postgres `Pool`. */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
}

function executor(connection: PgQueryable): SqlExecutor {
  return {
    query: async <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) => {
      const result = await connection.query(sql, [...params]);
      return { rows: result.rows as Row[] };
    },
  };
}

async function inTransaction<T>(connection: PgQueryable, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  await connection.query('BEGIN');
  try {
    const result = await work(executor(connection));
    await connection.query('COMMIT');
    return result;
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function isPool(client: PgQueryable | PgPoolLike): client is PgPoolLike {
  return typeof (client as Partial<PgPoolLike>).connect === 'function' && 'totalCount' in client;
}

/**
 * Wraps a node-postgres `Pool` (a transaction checks out one connection) or a single `Client` (statements
 * and transactions are queued so a transaction never interleaves with other statements).
 * `owned` pools are ended by `close`; a client or pool the caller passed is left open.
 */
export function pgSqlClient(client: PgQueryable | PgPoolLike, owned: boolean): SqlClient {
  const end = async () => {
    if (owned) await (client as unknown as { end(): Promise<void> }).end();
  };
  if (isPool(client)) {
    const pool = client;
    return {
      kind: 'pg',
      ...executor(pool),
      transaction: async (work) => {
        const connection = await pool.connect();
        try {
          return await inTransaction(connection, work);
        } finally {
          connection.release();
        }
      },
      close: end,
    };
  }
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const direct = executor(client);
  return {
    kind: 'pg',
    query: (sql, params) => serial(() => direct.query(sql, params)),
    transaction: (work) => serial(() => inTransaction(client, work)),
    close: end,
  };
}

type PoolConstructor = new (options: {
  Client: unknown;
  connectionString: string;
  max: number;
}) => PgPoolLike & { end(): Promise<void>; on(event: 'error', listener: (error: Error) => void): void };

/**
 * A pool of at most `max` connections to `connectionString` (owned by the store: `close` ends it).
 * Built from `pg-pool` + `pg`'s `Client` (what `pg.Pool` is), loaded on first use. Importing `pg`'s
 * main entry fails under runners that add the `import` export condition to Node's `require` (vitest
 * does): pg's CommonJS index then receives pg-pool's ES module namespace instead of its class.
 */
export async function pgPoolFor(connectionString: string, max: number): Promise<SqlClient> {
  const clientModule = 'pg/lib/client.js';
  const poolModuleName = 'pg-pool';
  const [poolModule, { default: Client }] = await Promise.all([
    import(poolModuleName) as Promise<{ default: unknown }>,
    import(clientModule) as Promise<{ default: unknown }>,
  ]);
  const Pool = poolModule.default as PoolConstructor;
  const pool = new Pool({ Client, connectionString, max });
  // An idle connection the server closes is dropped by the pool; without a listener it would crash the process.
  pool.on('error', () => undefined);
  return pgSqlClient(pool, true);
}
