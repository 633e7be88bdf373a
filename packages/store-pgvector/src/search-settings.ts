import type { HnswIndexOptions, IvfflatIndexOptions } from './pgvector-store-options.js';

/**
 * The transaction-local settings (`set_config(name, value, true)` = `SET LOCAL`) of one search.
 * Exact: index scans off, so even an index created outside the store cannot make results approximate.
 * HNSW: `hnsw.ef_search` = max(efSearch, k) capped at 1000, with strict-order iterative scans so filters
 * and large k still fill k results. IVFFlat: `ivfflat.probes`, relaxed-order iterative scans (the outer
 * query re-sorts by score).
 */
export function searchSettings(
  index: HnswIndexOptions | IvfflatIndexOptions | undefined,
  k: number,
): { sql: string; params: string[] } {
  if (index === undefined) {
    return { sql: "SELECT set_config('enable_indexscan', 'off', true)", params: [] };
  }
  if (index.type === 'hnsw') {
    const efSearch = Math.min(1000, Math.max(index.efSearch ?? 40, k));
    return {
      sql: "SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'strict_order', true)",
      params: [String(efSearch)],
    };
  }
  return {
    sql: "SELECT set_config('ivfflat.probes', $1, true), set_config('ivfflat.iterative_scan', 'relaxed_order', true)",
    params: [String(index.probes ?? 1)],
  };
}
