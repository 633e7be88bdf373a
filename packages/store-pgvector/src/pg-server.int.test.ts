import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { describeVectorStoreConformance } from '@retrievekit/test-utils';
import { afterAll, beforeAll } from 'vitest';
import { createPgVectorStore } from './create-pgvector-store.js';
import { type PGliteLike, startPGlite } from './pglite-sql-client.js';

// A real PostgreSQL wire-protocol server on 127.0.0.1 (pglite-socket on a free port); the store talks to it
// with node-postgres through a connection string, exactly as to a managed Postgres with pgvector.
let db: PGliteLike;
let server: PGLiteSocketServer;
let connectionString = '';
let tables = 0;
beforeAll(async () => {
  db = await startPGlite();
  server = new PGLiteSocketServer({ db: db as never, host: '127.0.0.1', port: 0, maxConnections: 64 });
  await server.start();
  connectionString = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
});
afterAll(async () => {
  await server.stop();
  await db.close();
});

describeVectorStoreConformance(
  'pgvector over the wire protocol (pg client, exact, vector)',
  // One connection per store: the server multiplexes connections onto one PGlite session, so two
  // connections' transactions must not interleave (a real server needs no such limit).
  async ({ dim, metric }) =>
    createPgVectorStore({ connectionString, maxConnections: 1, table: `wire ${tables++}`, dim, metric }),
  { exact: true, metrics: ['dot', 'cosine', 'l2'], predicateFilter: false },
);
