import { Index, type Table } from '@lancedb/lancedb';
import type { LongTaskOptions, VectorMetric } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import type { LanceDbIndexOptions } from './lancedb-options.js';

/** The LanceDB index config of `options` with the store's distance type. */
export function lanceIndex(options: LanceDbIndexOptions, metric: VectorMetric): Index {
  const params = { ...options.params, distanceType: metric };
  switch (options.type) {
    case 'ivf_pq':
      return Index.ivfPq(params);
    case 'ivf_flat':
      return Index.ivfFlat(params);
    case 'hnsw_sq':
      return Index.hnswSq(params);
    case 'hnsw_pq':
      return Index.hnswPq(params);
  }
}

/** Builds (or replaces) the vector index of `table`; LanceDB failures become `RUNTIME` errors. */
export async function buildVectorIndex(
  table: Table,
  options: LanceDbIndexOptions,
  metric: VectorMetric,
  progress: LongTaskOptions,
): Promise<void> {
  throwIfAborted(progress.signal, 'buildIndex');
  try {
    await table.createIndex('vector', { config: lanceIndex(options, metric), replace: true });
  } catch (cause) {
    throw new RetrievekitError('RUNTIME', `LanceDB could not build the ${options.type} index`, {
      where: { field: 'index' },
      hint: 'IVF training needs enough rows per partition; lower numPartitions or add more vectors first',
      cause,
    });
  }
  progress.onProgress?.({ done: 1, total: 1, unit: 'indexes' });
}
