import type { BatchSampler } from './batch-sampler.js';
import { createBatchSampler } from './batch-sampler.js';
import type { QueryClusters } from './clusters-file.js';
import { ClusterQueryDrawer } from './draw-queries.js';
import type { MarginBins } from './margin-bins.js';
import { computeMarginBins } from './margin-bins.js';
import type { PreparedClusters } from './prepared-clusters.js';
import { prepareClusters } from './prepared-clusters.js';
import { createSeededRandom } from './random.js';
import type { ClusteredSamplerOptions } from './sampler-options.js';
import { integerOption } from './sampler-options.js';
import type { TeacherPairs } from './teacher-pairs.js';
import { buildBatch } from './training-batch.js';

/** Options of {@link createTasBalancedSampler}. */
export interface TasBalancedSamplerOptions extends ClusteredSamplerOptions {
  /** Equal-width margin bins per query. Default 10. */
  binCount?: number;
}

/** A TAS-Balanced sampler with the prepared structures it samples from (for statistics). */
export interface TasBalancedSampler extends BatchSampler {
  readonly clusters: PreparedClusters;
  readonly bins: MarginBins;
}

/**
 * The TAS-Balanced batch stream (Hofstaetter et al., SIGIR 2021). Queries come from
 * `clustersPerBatch` topic clusters (see {@link ClusterQueryDrawer}); for each query one of its
 * non-empty margin bins is chosen uniformly, then one pair uniformly inside that bin. Queries in both
 * the pairs and the clusters are kept; empty clusters are dropped. A query whose margins are all equal,
 * or that has a single pair, has one bin (the reference implementation crashes on the former).
 *
 * @example
 * ```ts
 * const pairs = await readTeacherPairs('teacher.tsv');
 * const clusters = await readClusters('clusters.txt');
 * const sampler = createTasBalancedSampler(pairs, clusters, { batchSize: 256, seed: 7 });
 * for await (const batch of sampler.batches({ limit: 1000 })) train(batch);
 * ```
 */
export function createTasBalancedSampler(
  pairs: TeacherPairs,
  clusters: QueryClusters,
  options: TasBalancedSamplerOptions = {},
): TasBalancedSampler {
  const batchSize = integerOption(options.batchSize ?? 256, 'batchSize', 1);
  const perBatch = integerOption(options.clustersPerBatch ?? 1, 'clustersPerBatch', 1, batchSize);
  const binCount = integerOption(options.binCount ?? 10, 'binCount', 1, 255);
  const random = createSeededRandom(options.seed ?? 42);
  const prepared = prepareClusters(pairs, clusters);
  const bins = computeMarginBins(pairs, prepared.queries, binCount);
  const drawer = new ClusterQueryDrawer(prepared, Math.floor(batchSize / perBatch));
  const queries = new Int32Array(batchSize);
  const slots = new Int32Array(batchSize);
  let index = 0;
  const next = () => {
    drawer.draw(random, queries, slots);
    const pairIndices = new Int32Array(batchSize);
    const clusterIds = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      const q = queries[i] as number;
      const firstBin = bins.queryBinOffsets[q] as number;
      const bin = firstBin + random.int((bins.queryBinOffsets[q + 1] as number) - firstBin);
      const start = bins.binOffsets[bin] as number;
      pairIndices[i] = bins.pairs[start + random.int((bins.binOffsets[bin + 1] as number) - start)] as number;
      clusterIds[i] = prepared.originalIndex[slots[i] as number] as number;
    }
    return buildBatch(pairs, index++, pairIndices, clusterIds);
  };
  return { ...createBatchSampler('tas-balanced', batchSize, next), clusters: prepared, bins };
}
