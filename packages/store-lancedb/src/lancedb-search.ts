import type { Table } from '@lancedb/lancedb';
import type { VectorMetric, VectorSearchResult } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import type { LanceDbIndexOptions } from './lancedb-options.js';

/**
 * The contract's score of a LanceDB distance, as measured on LanceDB 0.39: `dot` distance is
 * `1 - q·x`, `cosine` is `1 - cos`, `l2` is the squared Euclidean distance.
 */
export function scoreOfDistance(metric: VectorMetric, distance: number): number {
  if (metric === 'l2') return distance === 0 ? 0 : -distance;
  return 1 - distance;
}

/** What one batched search needs. */
export interface LanceDbSearchRequest {
  readonly table: Table;
  readonly metric: VectorMetric;
  readonly queries: Float32Array;
  readonly rows: number;
  readonly dim: number;
  readonly k: number;
  readonly where: string | undefined;
  /** Search-time parameters of a built index; `undefined` for an exact flat scan. */
  readonly index: LanceDbIndexOptions | undefined;
}

/**
 * Runs all query rows as ONE LanceDB query (`addQueryVector`), so every row sees the same table
 * version, then groups the hits by `query_index` and converts distances to scores. Filters are
 * applied before the vector search (LanceDB's default prefilter), so `k` matches come back when
 * `k` records match.
 */
export async function searchLanceDb(request: LanceDbSearchRequest): Promise<VectorSearchResult[]> {
  const { table, metric, queries, rows, dim, k, where, index } = request;
  const row = (q: number) => queries.slice(q * dim, (q + 1) * dim);
  let query = table.vectorSearch(row(0)).distanceType(metric).limit(k).select(['id', '_distance']);
  for (let q = 1; q < rows; q++) query = query.addQueryVector(row(q));
  if (where !== undefined) query = query.where(where);
  if (index === undefined) query = query.bypassVectorIndex();
  else {
    const { nprobes, ef, refineFactor } = index.search ?? {};
    if (nprobes !== undefined) query = query.nprobes(nprobes);
    if (ef !== undefined) query = query.ef(ef);
    if (refineFactor !== undefined) query = query.refineFactor(refineFactor);
  }
  const hits = (await query.toArray()) as { id: string; _distance: number; query_index?: number }[];
  const grouped = Array.from({ length: rows }, () => ({ ids: [] as string[], scores: [] as number[] }));
  for (const hit of hits) {
    const group = grouped[hit.query_index ?? 0];
    if (group === undefined) {
      throw new RetrievekitError(
        'RUNTIME',
        `LanceDB returned a hit for query ${String(hit.query_index)} of ${rows}`,
      );
    }
    group.ids.push(hit.id);
    group.scores.push(scoreOfDistance(metric, hit._distance));
  }
  return grouped.map(({ ids, scores }) => {
    const order = ids.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
    return {
      ids: order.map((i) => ids[i] as string),
      scores: Float32Array.from(order, (i) => scores[i] as number),
    };
  });
}
