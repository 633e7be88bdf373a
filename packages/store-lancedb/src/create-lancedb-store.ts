import { connect } from '@lancedb/lancedb';
import { RetrievekitError } from '@retrievekit/core';
import type { LanceDbIndexOptions, LanceDbStoreOptions } from './lancedb-options.js';
import { checkLanceDbOptions } from './lancedb-options.js';
import { LanceDbStore } from './lancedb-store.js';
import { describeSchema, tableSchema } from './table-schema.js';

/** Options of {@link openLanceDbStore}. */
export interface OpenLanceDbStoreOptions {
  /** Table name (default `'vectors'`). */
  readonly table?: string;
  /** Passed to LanceDB's `connect` (object storage credentials, timeouts...). */
  readonly storageOptions?: Readonly<Record<string, string>>;
  /** Overrides the saved index search parameters (nprobes, ef, refineFactor) for this handle. */
  readonly indexSearch?: LanceDbIndexOptions['search'];
}

/**
 * Creates a LanceDB-backed vector store: connects to `uri` (a local folder, created if needed, or any
 * URI LanceDB accepts, e.g. `s3://bucket/path`) and creates table `table` (default `'vectors'`).
 * Throws `INVALID_ARGUMENT` if the table exists and `mode` is not `'overwrite'`.
 *
 * @example
 * ```ts
 * const store = await createLanceDbStore({ uri: './lancedb', dim: 768 }); // exact, dot product
 * await store.add({ ids: ['d1'], vectors: createDenseBatch(passageVector, 1, 768), metadata: [{ lang: 'en' }] });
 * const [hits] = await store.search(createDenseBatch(queryVector, 1, 768), { k: 10, filter: { lang: 'en' } });
 * ```
 */
export async function createLanceDbStore(options: LanceDbStoreOptions): Promise<LanceDbStore> {
  checkLanceDbOptions(options);
  const name = options.table ?? 'vectors';
  const description = { dim: options.dim, metric: options.metric ?? 'dot', index: options.index };
  const connection = await connect(options.uri, { storageOptions: { ...options.storageOptions } });
  const mode = options.mode ?? 'create';
  if (mode !== 'overwrite' && (await connection.tableNames()).includes(name)) {
    connection.close();
    throw new RetrievekitError('INVALID_ARGUMENT', `table "${name}" already exists in ${options.uri}`, {
      where: { field: 'table' },
      hint: "open it with openLanceDbStore, or pass mode: 'overwrite' to replace it",
    });
  }
  const table = await connection.createEmptyTable(name, tableSchema(description), { mode: 'overwrite' });
  return new LanceDbStore(connection, table, description, options.uri);
}

/**
 * Opens a store created by {@link createLanceDbStore} or saved by `LanceDbStore.save`: dim, metric and
 * index options come from the table's schema metadata. `NOT_FOUND` when the table does not exist,
 * `CORRUPT_DATA` when it is not a retrievekit store.
 */
export async function openLanceDbStore(
  uri: string,
  options: OpenLanceDbStoreOptions = {},
): Promise<LanceDbStore> {
  const name = options.table ?? 'vectors';
  const connection = await connect(uri, { storageOptions: { ...options.storageOptions } });
  if (!(await connection.tableNames()).includes(name)) {
    connection.close();
    throw new RetrievekitError('NOT_FOUND', `no table "${name}" in ${uri}`, {
      where: { file: uri, field: 'table' },
      hint: 'create the store with createLanceDbStore or save one here first',
    });
  }
  const table = await connection.openTable(name);
  try {
    const saved = describeSchema(await table.schema(), `${uri} (table ${name})`);
    const { indexSearch } = options;
    const description =
      saved.index === undefined || indexSearch === undefined
        ? saved
        : { ...saved, index: { ...saved.index, search: { ...saved.index.search, ...indexSearch } } };
    return new LanceDbStore(connection, table, description, uri);
  } catch (error) {
    table.close();
    connection.close();
    throw error;
  }
}
