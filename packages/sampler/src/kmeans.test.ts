import { createDenseBatch } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { createJsAssignmentKernel } from './assignment-kernel.js';
import { clustersFromAssignment, kMeans } from './kmeans.js';
import { createSeededRandom } from './random.js';

/** `perCluster` points around each of `clusters` orthogonal directions (scaled by 10) plus small noise. */
function separated(clusters: number, perCluster: number, dim: number, seed: number) {
  const random = createSeededRandom(seed);
  const rows = clusters * perCluster;
  const data = new Float32Array(rows * dim);
  const truth = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % clusters;
    truth[i] = c;
    for (let d = 0; d < dim; d++) data[i * dim + d] = (d === c ? 10 : 0) + (random.float() - 0.5);
  }
  return { vectors: createDenseBatch(data, rows, dim), truth };
}

/** True when the two labelings define the same partition (equal up to renaming). */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if ((forward.get(x) ?? y) !== y || (backward.get(y) ?? x) !== x) return false;
    forward.set(x, y);
    backward.set(y, x);
  }
  return true;
}

describe('kMeans', () => {
  const kernel = createJsAssignmentKernel();

  for (const init of ['random', 'kmeans++'] as const) {
    it(`recovers well-separated clusters (${init} init)`, async () => {
      const { vectors, truth } = separated(6, 40, 12, 1);
      const result = await kMeans(vectors, { k: 6, init, seed: 3, kernel });
      expect(samePartition(result.assignment, truth)).toBe(true);
      expect(result.converged).toBe(true);
      expect(result.assignmentSeconds.length).toBe(result.iterations + 1);
    });
  }

  it('is reproducible by seed, and its centroids produce its assignment', async () => {
    const { vectors } = separated(5, 30, 8, 2);
    const a = await kMeans(vectors, { k: 9, seed: 7, kernel, iterations: 4 });
    const b = await kMeans(vectors, { k: 9, seed: 7, kernel, iterations: 4 });
    expect([...b.assignment]).toEqual([...a.assignment]);
    expect([...b.centroids.data]).toEqual([...a.centroids.data]);
    for (let i = 0; i < vectors.rows; i++) {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < 9; c++) {
        let s = 0;
        for (let d = 0; d < 8; d++)
          s += (vectors.data[i * 8 + d] as number) * (a.centroids.data[c * 8 + d] as number);
        if (s > bestScore) [best, bestScore] = [c, s];
      }
      expect(a.assignment[i]).toBe(best);
    }
  });

  it('repairs empty clusters so that every cluster keeps a member', async () => {
    // duplicated points force empty clusters when k exceeds the number of distinct points
    const data = new Float32Array(40 * 2);
    for (let i = 0; i < 40; i++) data.set(i < 20 ? [1, 0] : [0, 1], i * 2);
    const result = await kMeans(createDenseBatch(data, 40, 2), { k: 4, seed: 1, kernel, iterations: 1 });
    expect(result.emptyClustersRepaired).toBeGreaterThan(0);
  });

  it('groups ids by cluster and rejects bad input', async () => {
    expect(clustersFromAssignment(['a', 'b', 'c'], Int32Array.of(1, 0, 1), 3)).toEqual([
      ['b'],
      ['a', 'c'],
      [],
    ]);
    expect(() => clustersFromAssignment(['a'], Int32Array.of(0, 1), 2)).toThrow(
      /1 query ids but 2 assignments/,
    );
    const tiny = createDenseBatch(new Float32Array(4), 2, 2);
    await expect(kMeans(tiny, { k: 3, kernel })).rejects.toThrow(
      /k = 3 clusters need at least 3 vectors, got 2/,
    );
    const bad = createDenseBatch(Float32Array.of(0, Number.NaN), 1, 2);
    await expect(kMeans(bad, { k: 1, kernel })).rejects.toThrow(/k-means input row 0, dimension 1 is NaN/);
  });
});
