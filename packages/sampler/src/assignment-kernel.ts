import type { DenseBatch, LongTaskOptions } from '@retrievekit/core';
import { throwIfAborted } from '@retrievekit/core';

/**
 * The k-means assignment step: for every vector, the centroid with the largest inner product
 * (the lowest index on ties) and that inner product. Implementations: {@link createJsAssignmentKernel}
 * and `createOnnxAssignmentKernel` (onnxruntime-node MatMul, much faster at scale).
 */
export interface AssignmentKernel {
  readonly name: string;
  assign(
    vectors: DenseBatch,
    centroids: DenseBatch,
    assignment: Int32Array,
    scores: Float32Array,
    options?: LongTaskOptions,
  ): Promise<void>;
  /** Releases native resources, if any. */
  dispose(): Promise<void>;
}

const ROW_BLOCK = 64;
const CENTROID_BLOCK = 128;

/** Inner products of 2 rows x 2 centroids over `dim`, into `out[0..3]` (r0c0, r0c1, r1c0, r1c1). */
function microKernel(
  x: Float32Array,
  r0: number,
  r1: number,
  c: Float32Array,
  c0: number,
  c1: number,
  dim: number,
  out: Float64Array,
): void {
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  for (let k = 0; k < dim; k++) {
    const a0 = x[r0 + k] as number;
    const a1 = x[r1 + k] as number;
    const b0 = c[c0 + k] as number;
    const b1 = c[c1 + k] as number;
    s00 += a0 * b0;
    s01 += a0 * b1;
    s10 += a1 * b0;
    s11 += a1 * b1;
  }
  out[0] = s00;
  out[1] = s01;
  out[2] = s10;
  out[3] = s11;
}

/**
 * A blocked pure-JavaScript assignment kernel (2 x 2 register tiles, 64-row x 128-centroid cache
 * blocks, float64 accumulation). Portable, no dependencies; about 1-2 GFLOP/s per core.
 */
export function createJsAssignmentKernel(): AssignmentKernel {
  return {
    name: 'js',
    async assign(vectors, centroids, assignment, scores, options = {}) {
      const { dim } = vectors;
      const x = vectors.data;
      const c = centroids.data;
      const k = centroids.rows;
      const tile = new Float64Array(4);
      const best = new Float64Array(ROW_BLOCK);
      const bestIndex = new Int32Array(ROW_BLOCK);
      for (let rowStart = 0; rowStart < vectors.rows; rowStart += ROW_BLOCK) {
        if ((rowStart & 0x3fff) === 0) {
          throwIfAborted(options.signal, 'k-means assignment');
          options.onProgress?.({ done: rowStart, total: vectors.rows, unit: 'vectors' });
          await new Promise((resolve) => setImmediate(resolve));
        }
        const rowEnd = Math.min(vectors.rows, rowStart + ROW_BLOCK);
        best.fill(Number.NEGATIVE_INFINITY);
        bestIndex.fill(0);
        for (let cStart = 0; cStart < k; cStart += CENTROID_BLOCK) {
          const cEnd = Math.min(k, cStart + CENTROID_BLOCK);
          for (let r = rowStart; r < rowEnd; r += 2) {
            const r1 = Math.min(r + 1, rowEnd - 1);
            for (let j = cStart; j < cEnd; j += 2) {
              const j1 = Math.min(j + 1, cEnd - 1);
              microKernel(x, r * dim, r1 * dim, c, j * dim, j1 * dim, dim, tile);
              const b0 = r - rowStart;
              const b1 = r1 - rowStart;
              if ((tile[0] as number) > (best[b0] as number)) {
                best[b0] = tile[0] as number;
                bestIndex[b0] = j;
              }
              if ((tile[1] as number) > (best[b0] as number)) {
                best[b0] = tile[1] as number;
                bestIndex[b0] = j1;
              }
              if ((tile[2] as number) > (best[b1] as number)) {
                best[b1] = tile[2] as number;
                bestIndex[b1] = j;
              }
              if ((tile[3] as number) > (best[b1] as number)) {
                best[b1] = tile[3] as number;
                bestIndex[b1] = j1;
              }
            }
          }
        }
        for (let r = rowStart; r < rowEnd; r++) {
          assignment[r] = bestIndex[r - rowStart] as number;
          scores[r] = best[r - rowStart] as number;
        }
      }
      options.onProgress?.({ done: vectors.rows, total: vectors.rows, unit: 'vectors' });
    },
    async dispose() {},
  };
}
