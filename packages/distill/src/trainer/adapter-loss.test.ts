import { describe, expect, it } from 'vitest';
import { maxRelativeError, randomArray, seededRandom } from '../test-support/finite-difference.js';
import { adapterLoss } from './adapter-loss.js';
import { adaptQueries, applyAdapter, identityAdapter } from './linear-adapter.js';
import { createVectorTable, gatherVectors } from './vector-table.js';

function tinyCase(seed: number) {
  const random = seededRandom(seed);
  const b = 3;
  const dim = 4;
  const batch = (data: Float64Array) => ({ data, rows: b, dim });
  return {
    dim,
    weights: randomArray(random, dim * dim),
    input: {
      queries: batch(randomArray(random, b * dim)),
      positives: batch(randomArray(random, b * dim)),
      negatives: batch(randomArray(random, b * dim)),
      teacherPositive: randomArray(random, b, 3),
      teacherNegative: randomArray(random, b, 3),
    },
    matrix: () => ({ data: randomArray(random, b * b, 3), rows: b, cols: b }),
  };
}

describe('adapterLoss', () => {
  it('has a W gradient that agrees with central finite differences (Margin-MSE)', () => {
    const { dim, weights, input } = tinyCase(3);
    const adapter = { dim, weights };
    const result = adapterLoss(adapter, input);
    expect(maxRelativeError(() => adapterLoss(adapter, input).value, weights, result.gradient)).toBeLessThan(
      1e-6,
    );
  });

  it('has a W gradient that agrees with finite differences with the TAS-B in-batch term', () => {
    const { dim, weights, input, matrix } = tinyCase(8);
    const adapter = { dim, weights };
    const full = {
      ...input,
      inBatchTeacher: { positive: matrix(), negative: matrix() },
      inBatchWeight: 0.75,
    };
    const result = adapterLoss(adapter, full);
    expect(result.value).toBeGreaterThan(adapterLoss(adapter, input).value);
    expect(maxRelativeError(() => adapterLoss(adapter, full).value, weights, result.gradient)).toBeLessThan(
      1e-6,
    );
  });

  it('is the plain Margin-MSE of the encoder at the identity', () => {
    // q = [1, 0], p+ = [2, 0], p- = [1, 1]: student margin 1, teacher margin 3 -> (1 - 3)^2 = 4
    const one = (a: number, b: number) => ({ data: Float64Array.of(a, b), rows: 1, dim: 2 });
    const result = adapterLoss(identityAdapter(2), {
      queries: one(1, 0),
      positives: one(2, 0),
      negatives: one(1, 1),
      teacherPositive: [5],
      teacherNegative: [2],
    });
    expect(result.value).toBe(4);
    // dL/dq' = 2 (1 - 3) (p+ - p-) = [-4, 4]; dL/dW = [-4, 4]^T [1, 0]
    expect([...result.gradient]).toEqual([-4, 0, 4, 0]);
  });
});

describe('applyAdapter and vector tables', () => {
  it('computes W q per row', () => {
    const adapter = { dim: 2, weights: Float64Array.of(1, 2, 3, 4) };
    const out = applyAdapter(adapter, { data: Float32Array.of(1, 1, 0, 1), rows: 2, dim: 2 });
    expect(out.data).toBeInstanceOf(Float32Array);
    expect([...out.data]).toEqual([3, 7, 2, 4]);
    expect([
      ...adaptQueries(identityAdapter(2), { data: Float64Array.of(5, 6), rows: 1, dim: 2 }).data,
    ]).toEqual([5, 6]);
  });

  it('rejects a query batch of another dimension, unknown and duplicate ids', () => {
    expect(() => applyAdapter(identityAdapter(3), { data: new Float32Array(2), rows: 1, dim: 2 })).toThrow(
      /queries is 1 x 2 but 1 x 3 is expected/,
    );
    const table = createVectorTable(['a', 'b'], { data: Float32Array.of(1, 2, 3, 4), rows: 2, dim: 2 });
    expect([...gatherVectors(table, ['b', 'a'], 'ids').data]).toEqual([3, 4, 1, 2]);
    expect(() => gatherVectors(table, ['a', 'zz'], 'positiveIds')).toThrow(
      /positiveIds\[1\] = zz has no vector/,
    );
    expect(() => createVectorTable(['a', 'a'], { data: new Float32Array(4), rows: 2, dim: 2 })).toThrow(
      /id a is at rows 0 and 1/,
    );
  });
});
