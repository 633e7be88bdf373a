import { describeVectorStoreConformance } from '@retrievekit/test-utils';
import { afterAll } from 'vitest';
import { createMemoryStore } from './create-memory-store.js';
import { openMemoryStore } from './open-memory-store.js';

describeVectorStoreConformance(
  'memory store, f32 storage',
  async ({ dim, metric }) => createMemoryStore({ dim, metric }),
  {
    exact: true,
    metrics: ['dot', 'cosine', 'l2'],
    predicateFilter: true,
    open: (dir) => openMemoryStore(dir),
  },
);

// f16 rounds every value (relative error <= 2^-11): exact search over the rounded vectors, but not the
// exact top-k of the original float32 vectors, so it runs as an approximate store.
describeVectorStoreConformance(
  'memory store, f16 storage',
  async ({ dim, metric }) => createMemoryStore({ dim, metric, storage: 'f16' }),
  {
    exact: false,
    metrics: ['dot', 'cosine', 'l2'],
    predicateFilter: true,
    open: (dir) => openMemoryStore(dir),
    scoreTolerance: 2e-3,
  },
);

// int8 (per-vector symmetric scale, no rescoring) is approximate: recall@10 on the suite's 10k x 768
// clustered vectors measures 0.978, so it is held to 0.97 (not the default 0.99). See README.
describeVectorStoreConformance(
  'memory store, int8 storage',
  async ({ dim, metric }) => createMemoryStore({ dim, metric, storage: 'int8' }),
  {
    exact: false,
    metrics: ['dot', 'cosine', 'l2'],
    predicateFilter: true,
    open: (dir) => openMemoryStore(dir),
    scoreTolerance: 2e-2,
    minRecall: 0.97,
  },
);

// int8 with exact rescoring from the on-disk float32 copy: not exact by construction (a true top-k
// vector could miss the int8 candidates), but exact on the suite's data, so it is held to the exact checks.
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
});
describeVectorStoreConformance(
  'memory store, int8 storage + exact rescoring',
  async ({ dim, metric }) => {
    const store = createMemoryStore({ dim, metric, storage: 'int8', rescore: {} });
    opened.push(store);
    return store;
  },
  {
    exact: true,
    metrics: ['dot', 'cosine', 'l2'],
    predicateFilter: true,
    open: async (dir) => {
      const store = await openMemoryStore(dir);
      opened.push(store);
      return store;
    },
  },
);
