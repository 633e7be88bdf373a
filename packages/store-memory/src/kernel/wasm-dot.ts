import { DOT_KERNEL_WASM_BASE64 } from './dot-kernel-bytes.js';
import type { WasmMemory, WasmModule } from './wasm-api.js';
import { wasmApi } from './wasm-api.js';

interface KernelExports {
  memory: WasmMemory;
  scores: (q: number, x: number, s: number, nq: number, nb: number, dim: number) => void;
}

let compiled: WasmModule | undefined;

function kernelModule(): WasmModule {
  if (compiled === undefined) {
    compiled = new wasmApi.Module(
      Uint8Array.from(atob(DOT_KERNEL_WASM_BASE64), (char) => char.charCodeAt(0)),
    );
  }
  return compiled;
}

const PAGE = 65536;

/** Queries per kernel call (a multiple of 4). */
export const QUERY_GROUP = 64;

/**
 * One instance of the SIMD dot-product kernel with its own linear memory, laid out as
 * [queries | stored-row block | scores]. Computes `scores[i * rows + j] = queries[i] · block[j]` for a
 * block of stored rows, 4 queries x 2 rows per register tile (see `dot-kernel.wat`).
 */
export class WasmDotKernel {
  private readonly exports: KernelExports;
  private queryOffset = 0;
  private blockOffset = 0;
  private scoreOffset = 0;
  /** Padded dimension (multiple of 4). */
  stride = 0;
  /** Padded query count (multiple of 4). */
  paddedQueries = 0;
  /** Maximum rows per block (even). */
  blockRows = 0;

  constructor() {
    const instance = new wasmApi.Instance(kernelModule(), {});
    this.exports = instance.exports as unknown as KernelExports;
  }

  /** Lays out memory for `queries` queries of `dim` floats and blocks of up to `blockRows` rows. */
  prepare(queries: number, dim: number, blockRows: number): void {
    this.stride = Math.ceil(dim / 4) * 4;
    this.paddedQueries = Math.ceil(queries / 4) * 4;
    this.blockRows = Math.ceil(blockRows / 2) * 2;
    this.queryOffset = 0;
    this.blockOffset = this.paddedQueries * this.stride * 4;
    this.scoreOffset = this.blockOffset + this.blockRows * this.stride * 4;
    const needed = this.scoreOffset + this.paddedQueries * this.blockRows * 4;
    const { memory } = this.exports;
    if (memory.buffer.byteLength < needed) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    }
    // Zero the padding so padded lanes and rows contribute nothing.
    new Uint8Array(memory.buffer, 0, needed).fill(0);
  }

  /** View of the query region (`paddedQueries x stride` floats). */
  queryView(): Float32Array {
    return new Float32Array(this.exports.memory.buffer, this.queryOffset, this.paddedQueries * this.stride);
  }

  /** View of the block region (`blockRows x stride` floats). */
  blockView(): Float32Array {
    return new Float32Array(this.exports.memory.buffer, this.blockOffset, this.blockRows * this.stride);
  }

  /**
   * Scores all prepared queries against the first `rows` block rows; returns the
   * `paddedQueries x even(rows)` scores, row-major. Queries go through the kernel in groups of
   * {@link QUERY_GROUP} so that a group (192 KiB at dim 768) and the block both stay in L2.
   */
  run(rows: number): Float32Array {
    const evenRows = rows + (rows & 1);
    const { stride, paddedQueries } = this;
    for (let first = 0; first < paddedQueries; first += QUERY_GROUP) {
      const count = Math.min(QUERY_GROUP, paddedQueries - first);
      this.exports.scores(
        this.queryOffset + first * stride * 4,
        this.blockOffset,
        this.scoreOffset + first * evenRows * 4,
        count,
        evenRows,
        stride,
      );
    }
    return new Float32Array(this.exports.memory.buffer, this.scoreOffset, paddedQueries * evenRows);
  }
}
