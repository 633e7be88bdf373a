import type { MarginBins } from './margin-bins.js';
import type { PreparedClusters } from './prepared-clusters.js';

/** Summary statistics of the structures a TAS-Balanced sampler draws from. */
export interface SamplerStatistics {
  readonly clusterCount: number;
  /** Sizes (queries with pairs) of the kept clusters, in kept order. */
  readonly clusterSizes: Int32Array;
  readonly clusterSizeMin: number;
  readonly clusterSizeMax: number;
  readonly clusterSizeMean: number;
  /** Pairs per bin number (0..binCount-1), summed over queries. */
  readonly pairsPerBin: Float64Array;
  /** Queries having bin b non-empty, per bin number. */
  readonly queriesPerBin: Int32Array;
  /** Entry n: queries with exactly n non-empty bins (index 0 unused). */
  readonly nonEmptyBinHistogram: Int32Array;
  readonly queriesWithoutPairs: number;
  readonly queriesWithoutCluster: number;
  readonly emptyClustersDropped: number;
}

/** Computes cluster-size and bin-occupancy statistics, e.g. `samplerStatistics(sampler.clusters, sampler.bins)`. */
export function samplerStatistics(clusters: PreparedClusters, bins: MarginBins): SamplerStatistics {
  const clusterSizes = new Int32Array(clusters.count);
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let c = 0; c < clusters.count; c++) {
    const size = (clusters.offsets[c + 1] as number) - (clusters.offsets[c] as number);
    clusterSizes[c] = size;
    min = Math.min(min, size);
    max = Math.max(max, size);
  }
  const pairsPerBin = new Float64Array(bins.binCount);
  const queriesPerBin = new Int32Array(bins.binCount);
  const nonEmptyBinHistogram = new Int32Array(bins.binCount + 1);
  for (const q of clusters.queries) {
    const first = bins.queryBinOffsets[q] as number;
    const last = bins.queryBinOffsets[q + 1] as number;
    const histogramIndex = last - first;
    nonEmptyBinHistogram[histogramIndex] = (nonEmptyBinHistogram[histogramIndex] as number) + 1;
    for (let b = first; b < last; b++) {
      const number = bins.binNumber[b] as number;
      pairsPerBin[number] =
        (pairsPerBin[number] as number) + (bins.binOffsets[b + 1] as number) - (bins.binOffsets[b] as number);
      queriesPerBin[number] = (queriesPerBin[number] as number) + 1;
    }
  }
  return {
    clusterCount: clusters.count,
    clusterSizes,
    clusterSizeMin: min,
    clusterSizeMax: max,
    clusterSizeMean: clusters.queries.length / clusters.count,
    pairsPerBin,
    queriesPerBin,
    nonEmptyBinHistogram,
    queriesWithoutPairs: clusters.queriesWithoutPairs,
    queriesWithoutCluster: clusters.queriesWithoutCluster,
    emptyClustersDropped: clusters.emptyClustersDropped,
  };
}
