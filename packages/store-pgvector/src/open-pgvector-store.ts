import type { LongTaskOptions } from '@retrievekit/core';
import { throwIfAborted } from '@retrievekit/core';
import { connectStore } from './create-pgvector-store.js';
import { readPGliteStore } from './pglite-persistence.js';
import { pgliteSqlClient, startPGlite } from './pglite-sql-client.js';
import type { PgVectorStore } from './pgvector-store.js';
import { checkStoreOptions } from './validate-options.js';

/**
 * Opens a store saved by `PgVectorStore.save` on the PGlite backend: verifies the manifest and the data
 * tarball's SHA-256 (`CORRUPT_DATA` otherwise) and starts a new embedded PGlite on that data.
 */
export async function openPgVectorStore(dir: string, options: LongTaskOptions = {}): Promise<PgVectorStore> {
  throwIfAborted(options.signal, 'open');
  const { manifest, data } = await readPGliteStore(dir);
  const settings = checkStoreOptions({
    ...manifest,
    table: manifest.table,
    schema: manifest.schema ?? undefined,
  });
  const db = await startPGlite(new Blob([data]));
  const client = pgliteSqlClient(db, true);
  try {
    return await connectStore(client, db, settings);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}
