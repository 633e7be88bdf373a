import type { PreparedClusters } from './prepared-clusters.js';
import type { SeededRandom } from './random.js';

/**
 * Fills `queries` (and `clusterSlots`, the kept-cluster index of each) following the TAS batch
 * composition: until full, pick a cluster uniformly with replacement, then take
 * `min(target, |cluster|, room left)` of its queries without replacement. A cluster smaller than the
 * target is used whole and another cluster is drawn.
 */
export class ClusterQueryDrawer {
  private readonly scratch: Int32Array;
  private readonly chosen = new Set<number>();

  constructor(
    private readonly clusters: PreparedClusters,
    private readonly target: number,
  ) {
    let largest = 0;
    for (let c = 0; c < clusters.count; c++) {
      largest = Math.max(largest, (clusters.offsets[c + 1] as number) - (clusters.offsets[c] as number));
    }
    this.scratch = new Int32Array(largest);
  }

  draw(random: SeededRandom, queries: Int32Array, clusterSlots: Int32Array): void {
    const { offsets } = this.clusters;
    const members = this.clusters.queries;
    let filled = 0;
    while (filled < queries.length) {
      const c = random.int(this.clusters.count);
      const start = offsets[c] as number;
      const size = (offsets[c + 1] as number) - start;
      const take = Math.min(this.target, size, queries.length - filled);
      if (size <= 8 * take) {
        // partial Fisher-Yates over a copy of the cluster
        this.scratch.set(members.subarray(start, start + size));
        for (let i = 0; i < take; i++) {
          const j = i + random.int(size - i);
          const picked = this.scratch[j] as number;
          this.scratch[j] = this.scratch[i] as number;
          this.scratch[i] = picked;
          queries[filled] = picked;
          clusterSlots[filled++] = c;
        }
      } else {
        // Floyd's algorithm: `take` distinct positions out of `size` in O(take)
        this.chosen.clear();
        for (let j = size - take; j < size; j++) {
          const t = random.int(j + 1);
          const position = this.chosen.has(t) ? j : t;
          this.chosen.add(position);
          queries[filled] = members[start + position] as number;
          clusterSlots[filled++] = c;
        }
      }
    }
  }
}
