/**
 * `@retrievekit/store-pgvector`: a `VectorStore` in PostgreSQL with pgvector, over node-postgres
 * (any server: managed, distributed) or an embedded PGlite (in process, the default).
 */
export { createPgVectorStore } from './create-pgvector-store.js';
export type { PgVectorType } from './metric-sql.js';
export { openPgVectorStore } from './open-pgvector-store.js';
export type { PgPoolLike, PgQueryable } from './pg-sql-client.js';
export type { PGliteManifest } from './pglite-persistence.js';
export type { PGliteLike } from './pglite-sql-client.js';
export type { PgVectorStoreParts } from './pgvector-store.js';
export { PgVectorStore } from './pgvector-store.js';
export type {
  HnswIndexOptions,
  IvfflatIndexOptions,
  PgVectorStoreOptions,
} from './pgvector-store-options.js';
export { quoteIdent } from './quote-ident.js';
