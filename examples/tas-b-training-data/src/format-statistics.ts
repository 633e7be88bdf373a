import type { SamplerStatistics } from '@retrievekit/sampler';

/** Human-readable cluster-size and margin-bin occupancy statistics. */
export function formatStatistics(stats: SamplerStatistics): string {
  const sizes = [...stats.clusterSizes].sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const lines = [
    `Clusters kept: ${stats.clusterCount} (empty dropped: ${stats.emptyClustersDropped}); queries per cluster ` +
      `min ${stats.clusterSizeMin} / median ${median} / mean ${stats.clusterSizeMean.toFixed(1)} / max ${stats.clusterSizeMax}`,
    `Cluster sizes (ascending): ${sizes.join(' ')}`,
    `Queries without pairs: ${stats.queriesWithoutPairs}; queries without cluster: ${stats.queriesWithoutCluster}`,
    'Margin bin occupancy (bin: pairs, queries with the bin non-empty):',
  ];
  stats.pairsPerBin.forEach((pairs, bin) => {
    lines.push(
      `  bin ${String(bin).padStart(2)}: ${String(pairs).padStart(6)} pairs, ${String(stats.queriesPerBin[bin]).padStart(5)} queries`,
    );
  });
  const histogram: string[] = [];
  stats.nonEmptyBinHistogram.forEach((count, bins) => {
    if (bins > 0 && count > 0) histogram.push(`${bins} bins: ${count}`);
  });
  lines.push(`Queries by number of non-empty bins: ${histogram.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
