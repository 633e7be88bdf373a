import type { BatchSampler } from './batch-sampler.js';
import { createBatchSampler } from './batch-sampler.js';
import type { QueryClusters } from './clusters-file.js';
import { ClusterQueryDrawer } from './draw-queries.js';
import { prepareClusters } from './prepared-clusters.js';
import { createSeededRandom } from './random.js';
import type { ClusteredSamplerOptions, SamplerOptions } from './sampler-options.js';
import { integerOption } from './sampler-options.js';
import type { TeacherPairs } from './teacher-pairs.js';
import { buildBatch } from './training-batch.js';

/**
 * Ablation baseline: every pair of the store uniformly at random (with replacement), no clusters.
 * Cluster ids in its batches are -1.
 */
export function createRandomSampler(pairs: TeacherPairs, options: SamplerOptions = {}): BatchSampler {
  const batchSize = integerOption(options.batchSize ?? 256, 'batchSize', 1);
  const random = createSeededRandom(options.seed ?? 42);
  integerOption(pairs.size, 'pairs.size', 1);
  let index = 0;
  return createBatchSampler('random', batchSize, () => {
    const pairIndices = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) pairIndices[i] = random.int(pairs.size);
    return buildBatch(pairs, index++, pairIndices, new Int32Array(batchSize).fill(-1));
  });
}

/**
 * Ablation baseline "topic-only": TAS query composition from clusters, then one pair of the query
 * uniformly at random (no margin balancing).
 */
export function createTopicSampler(
  pairs: TeacherPairs,
  clusters: QueryClusters,
  options: ClusteredSamplerOptions = {},
): BatchSampler {
  const batchSize = integerOption(options.batchSize ?? 256, 'batchSize', 1);
  const perBatch = integerOption(options.clustersPerBatch ?? 1, 'clustersPerBatch', 1, batchSize);
  const random = createSeededRandom(options.seed ?? 42);
  const prepared = prepareClusters(pairs, clusters);
  const drawer = new ClusterQueryDrawer(prepared, Math.floor(batchSize / perBatch));
  const queries = new Int32Array(batchSize);
  const slots = new Int32Array(batchSize);
  let index = 0;
  return createBatchSampler('topic', batchSize, () => {
    drawer.draw(random, queries, slots);
    const pairIndices = new Int32Array(batchSize);
    const clusterIds = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      const q = queries[i] as number;
      const start = pairs.queryOffsets[q] as number;
      pairIndices[i] = pairs.pairsByQuery[
        start + random.int((pairs.queryOffsets[q + 1] as number) - start)
      ] as number;
      clusterIds[i] = prepared.originalIndex[slots[i] as number] as number;
    }
    return buildBatch(pairs, index++, pairIndices, clusterIds);
  });
}
