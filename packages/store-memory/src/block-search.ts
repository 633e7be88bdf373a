import type { DenseBatch, VectorMetric } from '@retrievekit/core';
import { throwIfAborted } from '@retrievekit/core';
import type { WasmDotKernel } from './kernel/wasm-dot.js';
import type { RowStorage } from './row-storage.js';
import { TopK } from './top-k.js';

/** Stored rows scored per kernel call: 32 rows x 768 dims x 4 bytes = 96 KiB, resident in L2 (measured best of 32/64/128). */
export const BLOCK_ROWS = 32;
/** Queries per pass over the stored rows (bounds kernel memory for huge query batches). */
export const QUERY_CHUNK = 1024;

/** Inputs of {@link searchBlocks}. */
export interface BlockSearchInput {
  readonly storage: RowStorage;
  /** Rows 0..count-1 of `storage` are searched. */
  readonly count: number;
  /** Query rows (already normalised for cosine). */
  readonly queries: DenseBatch;
  readonly k: number;
  readonly metric: VectorMetric;
  /** Squared norms of the stored rows (l2 only). */
  readonly squaredNorms: Float32Array;
  /** Rows allowed by a filter (all when undefined). */
  readonly mask: Uint8Array | undefined;
  readonly kernel: WasmDotKernel;
  readonly signal: AbortSignal | undefined;
}

/** One query's best rows and scores, best-first. */
export interface RowHits {
  readonly rows: Int32Array;
  readonly scores: Float32Array;
}

/**
 * Exact top-k by blocked matrix product: for each block of stored rows, decode it to float32 in the
 * kernel's memory, score every query against it with the SIMD kernel, and feed each query's heap.
 * Runs synchronously, so it sees one consistent snapshot of the store.
 */
export function searchBlocks(input: BlockSearchInput): RowHits[] {
  const { queries, count, kernel, storage, metric, squaredNorms, mask, signal } = input;
  const k = Math.min(input.k, count);
  const hits: RowHits[] = [];
  for (let first = 0; first < queries.rows; first += QUERY_CHUNK) {
    throwIfAborted(signal, 'search');
    const last = Math.min(queries.rows, first + QUERY_CHUNK);
    const n = last - first;
    const heaps = Array.from({ length: n }, () => new TopK(Math.max(k, 1)));
    kernel.prepare(n, queries.dim, BLOCK_ROWS);
    const { stride } = kernel;
    const queryView = kernel.queryView();
    for (let i = 0; i < n; i++) {
      queryView.set(
        queries.data.subarray((first + i) * queries.dim, (first + i + 1) * queries.dim),
        i * stride,
      );
    }
    const queryNorms = metric === 'l2' ? squaredRowNorms(queries.data, queries.dim, first, last) : undefined;
    if (k > 0) {
      for (let start = 0; start < count; start += BLOCK_ROWS) {
        const end = Math.min(count, start + BLOCK_ROWS);
        storage.decode(start, end, kernel.blockView(), stride);
        const scores = kernel.run(end - start);
        collect(
          scores,
          end - start,
          start,
          heaps,
          mask,
          queryNorms,
          metric === 'l2' ? squaredNorms : undefined,
        );
      }
    }
    for (const heap of heaps) hits.push(heap.drainSorted());
  }
  return hits;
}

function collect(
  scores: Float32Array,
  rows: number,
  start: number,
  heaps: TopK[],
  mask: Uint8Array | undefined,
  queryNorms: Float64Array | undefined,
  squaredNorms: Float32Array | undefined,
): void {
  const width = rows + (rows & 1);
  for (let i = 0; i < heaps.length; i++) {
    const heap = heaps[i] as TopK;
    const offset = i * width;
    if (queryNorms !== undefined && squaredNorms !== undefined) {
      // -|q - x|² = 2 q·x - |x|² - |q|²
      const queryNorm = queryNorms[i] as number;
      for (let j = 0; j < rows; j++) {
        if (mask !== undefined && mask[start + j] === 0) continue;
        const score = 2 * (scores[offset + j] as number) - (squaredNorms[start + j] as number) - queryNorm;
        if (score > heap.threshold) heap.push(score, start + j);
      }
    } else {
      for (let j = 0; j < rows; j++) {
        const score = scores[offset + j] as number;
        if (score > heap.threshold && (mask === undefined || mask[start + j] === 1))
          heap.push(score, start + j);
      }
    }
  }
}

/** Squared Euclidean norms (float64) of rows `first..last-1` of a row-major matrix. */
export function squaredRowNorms(data: Float32Array, dim: number, first: number, last: number): Float64Array {
  const out = new Float64Array(last - first);
  for (let r = first; r < last; r++) {
    let sum = 0;
    for (let d = r * dim; d < (r + 1) * dim; d++) sum += (data[d] as number) * (data[d] as number);
    out[r - first] = sum;
  }
  return out;
}
