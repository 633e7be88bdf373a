import type { VectorMetric } from '@retrievekit/core';

/** How vectors are stored: float32 `vector` or float16 `halfvec` (half the space, ~3 decimal digits). */
export type PgVectorType = 'vector' | 'halfvec';

/** The pgvector distance operator, index operator class and distance-to-score map of each metric. */
export interface MetricSql {
  /** Distance operator: smaller is nearer. */
  readonly operator: '<#>' | '<=>' | '<->';
  /** Operator class for HNSW / IVFFlat indexes. */
  readonly opclass: string;
  /** SQL turning the distance `d` (float8) into the contract's score (higher is better). */
  score(d: string): string;
}

/**
 * `dot`: `<#>` is the NEGATIVE inner product, so score = -d. `cosine`: `<=>` is 1 - cos, so score = 1 - d.
 * `l2`: `<->` is the Euclidean distance, so score = -d² (the contract's negative squared distance).
 */
export function metricSql(metric: VectorMetric, vectorType: PgVectorType): MetricSql {
  switch (metric) {
    case 'dot':
      return { operator: '<#>', opclass: `${vectorType}_ip_ops`, score: (d) => `(-(${d}))` };
    case 'cosine':
      return { operator: '<=>', opclass: `${vectorType}_cosine_ops`, score: (d) => `(1 - (${d}))` };
    case 'l2':
      return { operator: '<->', opclass: `${vectorType}_l2_ops`, score: (d) => `(-((${d}) * (${d})))` };
  }
}
