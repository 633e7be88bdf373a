import { RetrievekitError } from '@retrievekit/core';
import type { QueryClusters } from './clusters-file.js';
import type { TeacherPairs } from './teacher-pairs.js';

/** Clusters restricted to queries that have teacher pairs, empty clusters dropped (CSR layout). */
export interface PreparedClusters {
  /** Number of non-empty clusters kept. */
  readonly count: number;
  /** Queries of kept cluster c are `queries[offsets[c] .. offsets[c + 1])` (dense query indices). */
  readonly offsets: Int32Array;
  readonly queries: Int32Array;
  /** The index of each kept cluster in the input (its line in the cluster file, 0-based). */
  readonly originalIndex: Int32Array;
  /** Cluster members without any teacher pair (dropped). */
  readonly queriesWithoutPairs: number;
  /** Queries with pairs but in no cluster (never sampled by the clustered samplers). */
  readonly queriesWithoutCluster: number;
  /** Input clusters dropped because none of their queries has pairs. */
  readonly emptyClustersDropped: number;
}

/**
 * Keeps only queries present in both the pair store and the clusters, and drops clusters left empty.
 * A query listed in two clusters is a `DUPLICATE_ID` error; no cluster left is `EMPTY_INPUT`.
 */
export function prepareClusters(pairs: TeacherPairs, clusters: QueryClusters): PreparedClusters {
  const clusterOfQuery = new Int32Array(pairs.queryCount).fill(-1);
  const offsets: number[] = [0];
  const queries: number[] = [];
  const originalIndex: number[] = [];
  let queriesWithoutPairs = 0;
  let emptyClustersDropped = 0;
  clusters.forEach((cluster, c) => {
    const before = queries.length;
    for (const id of cluster) {
      const q = pairs.queryIndexOf(id);
      if (q === undefined) {
        queriesWithoutPairs++;
        continue;
      }
      if (clusterOfQuery[q] !== -1) {
        throw new RetrievekitError(
          'DUPLICATE_ID',
          `query ${id} is in clusters ${clusterOfQuery[q]} and ${c}`,
          {
            where: { index: c },
            hint: 'each query belongs to exactly one cluster',
          },
        );
      }
      clusterOfQuery[q] = c;
      queries.push(q);
    }
    if (queries.length === before) emptyClustersDropped++;
    else {
      offsets.push(queries.length);
      originalIndex.push(c);
    }
  });
  if (originalIndex.length === 0) {
    throw new RetrievekitError('EMPTY_INPUT', 'no cluster has a query with teacher pairs', {
      hint: 'the cluster file and the teacher score file must use the same query ids',
    });
  }
  let queriesWithoutCluster = 0;
  for (let q = 0; q < pairs.queryCount; q++) if (clusterOfQuery[q] === -1) queriesWithoutCluster++;
  return {
    count: originalIndex.length,
    offsets: Int32Array.from(offsets),
    queries: Int32Array.from(queries),
    originalIndex: Int32Array.from(originalIndex),
    queriesWithoutPairs,
    queriesWithoutCluster,
    emptyClustersDropped,
  };
}
