/** Runs one parameterised SQL statement; `$1`, `$2`, ... are bound to `params` in order. */
export interface SqlExecutor {
  /** Rows of the statement as objects keyed by column name. */
  query<Row extends Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: Row[] }>;
}

/**
 * The small database interface the store runs on: statements plus transactions. Two implementations
 * (node-postgres and PGlite) run the same SQL.
 */
export interface SqlClient extends SqlExecutor {
  /** Which engine: decides what `save` can do. */
  readonly kind: 'pg' | 'pglite';
  /** Runs `work` inside `BEGIN ... COMMIT` on one connection; a throw rolls everything back. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Releases what this client owns (a pool it created, an embedded database it started). */
  close(): Promise<void>;
}
