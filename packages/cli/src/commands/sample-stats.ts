import type { TasBalancedSampler, TrainingBatch } from '@retrievekit/sampler';
import { samplerStatistics } from '@retrievekit/sampler';

/** Counts over the batches written by `retrievekit sample`. */
export interface SampledCounts {
  batches: number;
  pairs: number;
  distinctQueries: number;
  distinctClusters: number;
}

/** Accumulates {@link SampledCounts} while batches stream past. */
export class SampleCounter {
  private batches = 0;
  private pairs = 0;
  private readonly queries = new Set<string>();
  private readonly clusters = new Set<number>();

  /** Counts one batch. */
  add(batch: TrainingBatch): void {
    this.batches++;
    this.pairs += batch.queryIds.length;
    for (const id of batch.queryIds) this.queries.add(id);
    for (const c of batch.clusterIds) if (c >= 0) this.clusters.add(c);
  }

  /** The counts so far. */
  counts(): SampledCounts {
    return {
      batches: this.batches,
      pairs: this.pairs,
      distinctQueries: this.queries.size,
      distinctClusters: this.clusters.size,
    };
  }
}

/** TAS-Balanced setup statistics as plain JSON (typed arrays become arrays). */
export function tasBalancedSetup(sampler: TasBalancedSampler): Record<string, number | number[]> {
  const s = samplerStatistics(sampler.clusters, sampler.bins);
  return {
    clusterCount: s.clusterCount,
    clusterSizeMin: s.clusterSizeMin,
    clusterSizeMax: s.clusterSizeMax,
    clusterSizeMean: s.clusterSizeMean,
    pairsPerBin: Array.from(s.pairsPerBin),
    queriesPerBin: Array.from(s.queriesPerBin),
    queriesWithoutPairs: s.queriesWithoutPairs,
    queriesWithoutCluster: s.queriesWithoutCluster,
    emptyClustersDropped: s.emptyClustersDropped,
  };
}

/** The human-readable statistics block printed by `retrievekit sample`. */
export function formatSampleReport(
  out: string,
  counts: SampledCounts,
  setup: Record<string, number | number[]> | undefined,
): string {
  const lines = [
    `wrote ${counts.batches} batches (${counts.pairs} pairs) to ${out}`,
    `  distinct queries ${counts.distinctQueries}, distinct clusters ${counts.distinctClusters}`,
  ];
  if (setup !== undefined) {
    const mean = Number(setup.clusterSizeMean).toFixed(1);
    lines.push(
      `  clusters ${setup.clusterCount} (sizes ${setup.clusterSizeMin}..${setup.clusterSizeMax}, mean ${mean}); dropped: ${setup.emptyClustersDropped} empty clusters, ${setup.queriesWithoutPairs} queries without pairs, ${setup.queriesWithoutCluster} without cluster`,
      `  pairs per margin bin: ${(setup.pairsPerBin as number[]).join(' ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
