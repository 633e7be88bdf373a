import { describe, expect, it } from 'vitest';
import { flopsRegularizer, l1Regularizer } from './regularizers.js';
import { quadraticWarmup, spladeRegularizerWeights } from './schedules.js';
import { maxRelativeError, randomArray, seededRandom } from './test-support/finite-difference.js';

describe('FLOPS and L1 regularisers', () => {
  it('match hand-computed values', () => {
    // column means of |w|: (1+3)/2 = 2 and (2+0)/2 = 1 -> FLOPS 4 + 1 = 5; L1 = (3 + 3) / 2 = 3
    const weights = { data: Float64Array.from([1, -2, -3, 0]), rows: 2, dim: 2 };
    const flops = flopsRegularizer(weights);
    expect(flops.value).toBe(5);
    expect([...flops.gradient]).toEqual([2, -1, -2, 0]);
    const l1 = l1Regularizer(weights);
    expect(l1.value).toBe(3);
    expect([...l1.gradient]).toEqual([0.5, -0.5, -0.5, 0]);
  });

  it('have gradients that agree with central finite differences away from zero', () => {
    const random = seededRandom(61);
    const data = randomArray(random, 5 * 6, 2);
    for (let k = 0; k < data.length; k++) if (Math.abs(data[k] as number) < 1e-3) data[k] = 0.5;
    const weights = { data, rows: 5, dim: 6 };
    const flops = flopsRegularizer(weights);
    expect(maxRelativeError(() => flopsRegularizer(weights).value, data, flops.gradient)).toBeLessThan(1e-4);
    const l1 = l1Regularizer(weights);
    expect(maxRelativeError(() => l1Regularizer(weights).value, data, l1.gradient)).toBeLessThan(1e-4);
  });

  it('reject empty and non-finite batches', () => {
    expect(() => flopsRegularizer({ data: new Float64Array(0), rows: 0, dim: 3 })).toThrow(
      /weights has 0 rows/,
    );
    expect(() => l1Regularizer({ data: Float64Array.from([1, Number.NaN]), rows: 1, dim: 2 })).toThrow(
      /weights\[1\] is NaN/,
    );
  });
});

describe('quadratic warm-up', () => {
  it('grows as (t/T)^2 and then stays at lambda', () => {
    const lambda = quadraticWarmup(0.0008, 50_000);
    expect(lambda(0)).toBe(0);
    expect(lambda(25_000)).toBeCloseTo(0.0002, 15);
    expect(lambda(50_000)).toBe(0.0008);
    expect(lambda(1e6)).toBe(0.0008);
    expect(() => lambda(-1)).toThrow(/step must be a number >= 0/);
    expect(() => quadraticWarmup(0.1, 0)).toThrow(/warmupSteps must be a positive number/);
  });

  it('gives lambda_d = 0.8 lambda_q by default', () => {
    const weights = spladeRegularizerWeights({ lambdaQuery: 0.01, warmupSteps: 100 });
    expect(weights(10).query).toBeCloseTo(0.0001, 15);
    expect(weights(10).document).toBeCloseTo(0.00008, 15);
    expect(weights(200)).toEqual({ query: 0.01, document: 0.8 * 0.01 });
  });
});
