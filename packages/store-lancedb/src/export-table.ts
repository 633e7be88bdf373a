import { resolve } from 'node:path';
import { connect, type Table } from '@lancedb/lancedb';
import type { LongTaskOptions, VectorMetric } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { buildVectorIndex } from './build-index.js';
import type { LanceDbIndexOptions } from './lancedb-options.js';

/** True when `uri` names a local folder (no `scheme://`). */
export function isLocalUri(uri: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(uri);
}

/** Two database URIs that name the same place (local paths resolved). */
export function sameDatabase(left: string, right: string): boolean {
  if (isLocalUri(left) && isLocalUri(right)) return resolve(left) === resolve(right);
  return left.replace(/\/+$/, '') === right.replace(/\/+$/, '');
}

/**
 * Copies `source` (one read snapshot) into the database at `dir` as a table of the same name, created
 * in one LanceDB commit with mode `overwrite` (readers there see the old table or the new one, never a
 * mix), then rebuilds the index if `source` has one. The rows pass through memory once.
 */
export async function exportTable(
  source: Table,
  location: { uri: string; table: string },
  dir: string,
  index: LanceDbIndexOptions | undefined,
  metric: VectorMetric,
  options: LongTaskOptions,
): Promise<void> {
  if (sameDatabase(location.uri, dir)) {
    throw new RetrievekitError('UNSUPPORTED', 'save into the database the store already lives in', {
      where: { file: dir },
      hint: 'LanceDB writes are durable as they happen; save into another folder to copy the store',
    });
  }
  const snapshot = await source.query().toArrow();
  const indexed =
    index !== undefined && (await source.listIndices()).some((entry) => entry.columns.includes('vector'));
  throwIfAborted(options.signal, 'save');
  const connection = await connect(dir);
  try {
    const target =
      snapshot.numRows === 0
        ? await connection.createEmptyTable(location.table, snapshot.schema, { mode: 'overwrite' })
        : await connection.createTable(location.table, snapshot, { mode: 'overwrite' });
    options.onProgress?.({ done: snapshot.numRows, total: snapshot.numRows, unit: 'vectors' });
    if (indexed && index !== undefined) await buildVectorIndex(target, index, metric, options);
    target.close();
  } finally {
    connection.close();
  }
}
