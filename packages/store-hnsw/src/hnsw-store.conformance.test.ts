import { describeVectorStoreConformance } from '@retrievekit/test-utils';
import { createHnswStore } from './create-hnsw-store.js';
import { openHnswStore } from './open-hnsw-store.js';

// Approximate store (HNSW candidates, exact float32 re-scoring): returned scores are the exact scores
// of the returned ids, so the default score tolerance holds; recall@10 is held to the default 0.99.
describeVectorStoreConformance(
  'HNSW (usearch) f32',
  async ({ dim, metric }) => createHnswStore({ dim, metric }),
  {
    exact: false,
    metrics: ['dot', 'cosine', 'l2'],
    predicateFilter: true,
    open: (dir) => openHnswStore(dir),
  },
);
