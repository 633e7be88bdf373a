import type { DenseBatch } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import type { InferenceSession } from 'onnxruntime-node';
import type { AssignmentKernel } from './assignment-kernel.js';
import { assignmentModelBytes } from './onnx-assignment-model.js';

/** Options of {@link createOnnxAssignmentKernel}. */
export interface OnnxAssignmentKernelOptions {
  /** Vectors per MatMul call. Default 8192 (a 8192 x k score block stays inside the runtime). */
  blockRows?: number;
  /** Threads of the runtime's intra-op pool. Default: the runtime's choice (all cores). */
  intraOpNumThreads?: number;
}

type OrtModule = typeof import('onnxruntime-node');

async function loadRuntime(): Promise<OrtModule> {
  try {
    return await import('onnxruntime-node');
  } catch (cause) {
    throw new RetrievekitError('UNSUPPORTED', 'onnxruntime-node is not installed', {
      cause,
      hint: 'install the peer dependency onnxruntime-node, or use createJsAssignmentKernel()',
    });
  }
}

function transpose(centroids: DenseBatch): Float32Array {
  const { rows, dim, data } = centroids;
  const out = new Float32Array(rows * dim);
  for (let c = 0; c < rows; c++) {
    for (let d = 0; d < dim; d++) out[d * rows + c] = data[c * dim + d] as number;
  }
  return out;
}

/**
 * The k-means assignment step as one onnxruntime-node graph per block of vectors:
 * MatMul (MLAS, multi-threaded) then ArgMax and ReduceMax inside the runtime, so only the winning
 * index and score of each vector come back. Requires the optional peer dependency onnxruntime-node.
 */
export async function createOnnxAssignmentKernel(
  options: OnnxAssignmentKernelOptions = {},
): Promise<AssignmentKernel> {
  const ort = await loadRuntime();
  const blockRows = options.blockRows ?? 8192;
  let session: InferenceSession | undefined;
  let shape = '';
  return {
    name: 'onnxruntime-node',
    async assign(vectors, centroids, assignment, scores, taskOptions = {}) {
      const key = `${centroids.dim}x${centroids.rows}`;
      if (session === undefined || shape !== key) {
        await session?.release();
        const sessionOptions: InferenceSession.SessionOptions = { graphOptimizationLevel: 'all' };
        if (options.intraOpNumThreads !== undefined)
          sessionOptions.intraOpNumThreads = options.intraOpNumThreads;
        session = await ort.InferenceSession.create(
          assignmentModelBytes(centroids.dim, centroids.rows),
          sessionOptions,
        );
        shape = key;
      }
      const centroidsT = new ort.Tensor('float32', transpose(centroids), [centroids.dim, centroids.rows]);
      const { dim } = vectors;
      for (let start = 0; start < vectors.rows; start += blockRows) {
        throwIfAborted(taskOptions.signal, 'k-means assignment');
        const end = Math.min(vectors.rows, start + blockRows);
        const x = new ort.Tensor('float32', vectors.data.subarray(start * dim, end * dim), [
          end - start,
          dim,
        ]);
        const result = await session.run({ X: x, CT: centroidsT });
        const best = result.best?.data as BigInt64Array;
        const score = result.score?.data as Float32Array;
        for (let i = 0; i < end - start; i++) assignment[start + i] = Number(best[i]);
        scores.set(score, start);
        taskOptions.onProgress?.({ done: end, total: vectors.rows, unit: 'vectors' });
      }
    },
    async dispose() {
      await session?.release();
      session = undefined;
    },
  };
}
