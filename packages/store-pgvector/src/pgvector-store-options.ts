import type { VectorMetric } from '@retrievekit/core';
import type { PgVectorType } from './metric-sql.js';
import type { PgPoolLike, PgQueryable } from './pg-sql-client.js';
import type { PGliteLike } from './pglite-sql-client.js';

/** An HNSW index (approximate): graph degree `m`, build beam `efConstruction`, search beam `efSearch`. */
export interface HnswIndexOptions {
  readonly type: 'hnsw';
  /** Links per node, 2..100 (pgvector default 16). */
  readonly m?: number;
  /** Candidate list size while building, 4..1000 and at least 2·m (default 64). */
  readonly efConstruction?: number;
  /** Candidate list size while searching, 1..1000 (default 40; raised to k when k is larger). */
  readonly efSearch?: number;
}

/** An IVFFlat index (approximate): `lists` k-means cells, `probes` of them searched per query. */
export interface IvfflatIndexOptions {
  readonly type: 'ivfflat';
  /** Number of cells, 1..32768 (build it after loading data: the cells are trained on the rows present). */
  readonly lists: number;
  /** Cells searched per query, 1..lists (default 1). */
  readonly probes?: number;
}

/** Options of {@link createPgVectorStore}. */
export interface PgVectorStoreOptions {
  /**
   * The database: a node-postgres `Pool` or `Client`, or a PGlite instance (with the pgvector extension).
   * Left open by `close`. Give `client` or `connectionString`, not both; with neither, an embedded
   * in-memory PGlite is started (and closed by `close`).
   */
  readonly client?: PgQueryable | PgPoolLike | PGliteLike;
  /** `postgres://user:pass@host:port/db`: the store opens (and `close` ends) a `pg` Pool to it. */
  readonly connectionString?: string;
  /** Pool size for `connectionString` (default 10). */
  readonly maxConnections?: number;
  /** Table name (created if missing), any text: it is always quoted. Default `retrievekit_vectors`. */
  readonly table?: string;
  /** Schema of the table (default: the connection's current schema). */
  readonly schema?: string;
  /** Vector dimension, 1..16000 (an index allows up to 2000 for `vector`, 4000 for `halfvec`). */
  readonly dim: number;
  /** Scoring, default `'dot'`. */
  readonly metric?: VectorMetric;
  /** Column type: `'vector'` (float32, default) or `'halfvec'` (float16). */
  readonly vectorType?: PgVectorType;
  /** Approximate index; none (default) means an exact sequential scan. */
  readonly index?: HnswIndexOptions | IvfflatIndexOptions;
}
