import type { VectorMetric, VectorSearchResult } from '@retrievekit/core';
import { throwIfAborted } from '@retrievekit/core';
import { BatchMatches, type Index } from 'usearch';
import { exactScore, topK } from './exact-score.js';
import type { RecordSlots } from './record-slots.js';

/** What one batched search needs. */
export interface HnswSearchContext {
  readonly index: Index;
  readonly slots: RecordSlots;
  readonly metric: VectorMetric;
  readonly expansionSearch: number;
  readonly signal: AbortSignal | undefined;
}

/** The usearch keys (slots) found for each of `rows` query rows of `data`, `count` asked per query. */
function hnswCandidates(index: Index, data: Float32Array, rows: number, count: number): Float64Array[] {
  const result = index.search(data, count, 0);
  if (result instanceof BatchMatches) {
    return Array.from({ length: rows }, (_, q) => Float64Array.from(result.get(q).keys, Number));
  }
  return [Float64Array.from(result.keys, Number)];
}

function rescore(
  context: HnswSearchContext,
  query: Float32Array,
  slots: readonly number[],
  k: number,
): VectorSearchResult {
  const { metric, slots: records } = context;
  const scores = slots.map((slot) => exactScore(metric, query, records.vectors, slot));
  return topK(slots, scores, k, (slot) => records.ids[slot] as string);
}

/** Exact top-k over every stored slot that `accept` allows (all when undefined). */
function exactScan(
  context: HnswSearchContext,
  query: Float32Array,
  k: number,
  accept: Uint8Array | undefined,
): VectorSearchResult {
  const slots: number[] = [];
  const { ids } = context.slots;
  for (let slot = 0; slot < ids.length; slot++) {
    if (ids[slot] !== undefined && (accept === undefined || accept[slot] === 1)) slots.push(slot);
  }
  return rescore(context, query, slots, k);
}

/**
 * Top-k of every query row (prepared: unit length under cosine). Unfiltered: HNSW candidates
 * (`max(2 k, expansionSearch)` of them, capped at the size) re-scored exactly from the float32 copy; when the graph returns
 * fewer than `min(k, size)` candidates (unreachable nodes), an exact scan. Filtered (`accept[slot]`):
 * over-fetch `max(expansionSearch, 2 k size / matches)` candidates, doubling until `k` of them match;
 * once the request would reach half the store, an exact scan of the matching records instead. Results
 * are always exactly scored; only recall is approximate.
 */
export function searchHnsw(
  context: HnswSearchContext,
  queries: Float32Array,
  rows: number,
  k: number,
  accept: Uint8Array | undefined,
  matches: number,
): VectorSearchResult[] {
  const { index, slots, expansionSearch, signal } = context;
  const live = slots.count;
  const dim = slots.dim;
  const wanted = Math.min(k, matches);
  if (wanted === 0) return Array.from({ length: rows }, () => ({ ids: [], scores: new Float32Array(0) }));
  const queryRow = (q: number) => queries.subarray(q * dim, (q + 1) * dim);
  const count = Math.min(live, Math.max(wanted, expansionSearch, Math.ceil((2 * wanted * live) / matches)));
  if (accept !== undefined && 2 * count >= live) {
    return Array.from({ length: rows }, (_, q) => exactScan(context, queryRow(q), wanted, accept));
  }
  const first = hnswCandidates(index, queries, rows, count);
  return first.map((keys, q) => {
    throwIfAborted(signal, 'search');
    const query = queryRow(q);
    let candidates = keys;
    let asked = count;
    for (;;) {
      const kept =
        accept === undefined ? Array.from(candidates) : Array.from(candidates).filter((s) => accept[s] === 1);
      if (kept.length >= wanted) return rescore(context, query, kept, wanted);
      if (accept === undefined || 2 * asked >= live) return exactScan(context, query, wanted, accept);
      asked = Math.min(live, asked * 2);
      candidates = hnswCandidates(index, query, 1, asked)[0] ?? new Float64Array(0);
    }
  });
}
