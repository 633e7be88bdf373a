import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeVectorStoreConformance } from '@retrievekit/test-utils';
import { afterAll } from 'vitest';
import { createLanceDbStore, openLanceDbStore } from './create-lancedb-store.js';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

// Exact mode (no ANN index: LanceDB's flat scan). LanceDB filters with SQL, so predicates are
// UNSUPPORTED (predicateFilter: false); save() copies the table into another database folder.
describeVectorStoreConformance(
  'LanceDB (flat, exact)',
  async ({ dim, metric }) => {
    const uri = await mkdtemp(join(tmpdir(), 'retrievekit-lancedb-'));
    folders.push(uri);
    return createLanceDbStore({ uri, dim, metric });
  },
  {
    exact: true,
    metrics: ['dot', 'cosine', 'l2'],
    predicateFilter: false,
    open: (dir) => openLanceDbStore(dir),
  },
);
