import { RetrievekitError } from '@retrievekit/core';
import type { AssignmentKernel } from './assignment-kernel.js';
import { createJsAssignmentKernel } from './assignment-kernel.js';
import { createOnnxAssignmentKernel } from './onnx-assignment-kernel.js';

/**
 * The fastest assignment kernel available: onnxruntime-node MatMul when the optional peer dependency
 * is installed (15.5 GFLOP/s against 0.56 GFLOP/s for the JavaScript kernel, 27.6x, on the 2-core
 * development machine; see bench/sampler), else the blocked JavaScript kernel. Only a missing runtime
 * falls back; any other failure is thrown.
 */
export async function createDefaultAssignmentKernel(): Promise<AssignmentKernel> {
  try {
    return await createOnnxAssignmentKernel();
  } catch (error) {
    if (!RetrievekitError.hasCode(error, 'UNSUPPORTED')) throw error;
    return createJsAssignmentKernel();
  }
}
