import { describe, expect, it } from 'vitest';
import { clusteredVectors } from './clustered-vectors.js';
import { SeededRandom } from './random.js';

describe('SeededRandom', () => {
  it('is reproducible and has standard normal moments', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(new SeededRandom(8).next()).not.toBe(first[0]);
    const random = new SeededRandom(3);
    let sum = 0;
    let squares = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const x = random.normal();
      sum += x;
      squares += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.03);
  });
});

describe('clusteredVectors', () => {
  it('is deterministic per seed and shares centres across seeds', () => {
    const one = clusteredVectors({ rows: 10, dim: 16, seed: 1 });
    expect(clusteredVectors({ rows: 10, dim: 16, seed: 1 }).data).toEqual(one.data);
    expect(clusteredVectors({ rows: 10, dim: 16, seed: 2 }).data).not.toEqual(one.data);
    expect(one.rows).toBe(10);
    expect(one.dim).toBe(16);
  });

  it('puts vectors near their cluster: same-cluster pairs are closer than random pairs', () => {
    const { data, dim } = clusteredVectors({ rows: 400, dim: 64, clusters: 4, spread: 0.3, seed: 5 });
    const distance = (i: number, j: number) => {
      let sum = 0;
      for (let d = 0; d < dim; d++)
        sum += ((data[i * dim + d] as number) - (data[j * dim + d] as number)) ** 2;
      return sum;
    };
    // With 4 clusters, each vector's nearest neighbour among 399 is far closer than the average vector.
    let nearest = 0;
    let average = 0;
    for (let i = 0; i < 20; i++) {
      let best = Number.POSITIVE_INFINITY;
      let total = 0;
      for (let j = 0; j < 400; j++) {
        if (j === i) continue;
        const value = distance(i, j);
        best = Math.min(best, value);
        total += value;
      }
      nearest += best;
      average += total / 399;
    }
    expect(nearest / average).toBeLessThan(0.4);
  });
});
