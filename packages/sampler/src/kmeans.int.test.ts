import { createDenseBatch } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { createJsAssignmentKernel } from './assignment-kernel.js';
import { createDefaultAssignmentKernel } from './default-kernel.js';
import { kMeans } from './kmeans.js';
import { createOnnxAssignmentKernel } from './onnx-assignment-kernel.js';
import { createSeededRandom } from './random.js';

describe('onnxruntime-node assignment kernel', () => {
  it('agrees with the JavaScript kernel on random data, including a partial last block', async () => {
    const random = createSeededRandom(17);
    const rows = 1000;
    const dim = 48;
    const k = 37;
    const vectors = createDenseBatch(
      Float32Array.from({ length: rows * dim }, () => random.float() - 0.5),
      rows,
      dim,
    );
    const centroids = createDenseBatch(
      Float32Array.from({ length: k * dim }, () => random.float() - 0.5),
      k,
      dim,
    );
    const onnx = await createOnnxAssignmentKernel({ blockRows: 300 });
    const js = createJsAssignmentKernel();
    const [a, b] = [new Int32Array(rows), new Int32Array(rows)];
    const [sa, sb] = [new Float32Array(rows), new Float32Array(rows)];
    await onnx.assign(vectors, centroids, a, sa);
    await js.assign(vectors, centroids, b, sb);
    let disagreements = 0;
    for (let i = 0; i < rows; i++) {
      expect(sa[i]).toBeCloseTo(sb[i] as number, 4);
      if (a[i] !== b[i]) disagreements++;
    }
    expect(disagreements).toBeLessThanOrEqual(1); // float32 ties may round either way
    const result = await kMeans(vectors, { k: 5, seed: 1, kernel: onnx, iterations: 3 });
    const reference = await kMeans(vectors, { k: 5, seed: 1, kernel: js, iterations: 3 });
    expect(result.assignment.filter((c, i) => c !== reference.assignment[i]).length).toBeLessThanOrEqual(2);
    await onnx.dispose();
  });

  it('is the default kernel of kMeans when onnxruntime-node is installed', async () => {
    const random = createSeededRandom(18);
    const vectors = createDenseBatch(
      Float32Array.from({ length: 200 * 8 }, () => random.float()),
      200,
      8,
    );
    const byDefault = await kMeans(vectors, { k: 4, seed: 2, iterations: 2 });
    const explicit = await kMeans(vectors, {
      k: 4,
      seed: 2,
      iterations: 2,
      kernel: createJsAssignmentKernel(),
    });
    expect(byDefault.assignment.filter((c, i) => c !== explicit.assignment[i]).length).toBeLessThanOrEqual(1);
    expect(await createDefaultAssignmentKernel().then((kernel) => kernel.name)).toBe('onnxruntime-node');
  });
});
