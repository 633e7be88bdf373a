import type { ConformanceStore, StoreMetric } from '../store-types.js';

/** Creates an empty store for one test. */
export type StoreFactory = (config: { dim: number; metric: StoreMetric }) => Promise<ConformanceStore>;

/** What the store under test can do: selects the checks of the conformance suite. */
export interface ConformanceCapabilities {
  /** Exact stores must equal the float64 brute-force top-k; approximate ones reach `minRecall`. */
  readonly exact: boolean;
  /** Metrics the store supports (each is checked). */
  readonly metrics: readonly StoreMetric[];
  /** Opens a saved store; when present, persistence round-trips are checked. */
  readonly open?: (dir: string) => Promise<ConformanceStore>;
  /** True when predicate filters are supported (else only equality filters are checked). */
  readonly predicateFilter: boolean;
  /** Minimum recall@10 on 10k x 768 clustered vectors (default 0.99; also checked for exact stores). */
  readonly minRecall?: number;
  /** Relative score tolerance (default 1e-4 of the score scale; raise it for lossy storage). */
  readonly scoreTolerance?: number;
}
