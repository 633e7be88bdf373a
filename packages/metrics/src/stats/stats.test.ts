import { seededRandom } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { bonferroni, holm } from './correction.js';
import { logGamma, regularizedIncompleteBeta, studentTTwoSided } from './incomplete-beta.js';
import { pairedTTest, randomizationTest } from './paired-tests.js';

describe('special functions', () => {
  it('logGamma matches factorials', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 9);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 9);
  });
  it('regularized incomplete beta matches closed forms', () => {
    // I_x(1, b) = 1 - (1 - x)^b ; I_x(a, 1) = x^a
    expect(regularizedIncompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 12);
    expect(regularizedIncompleteBeta(0.6, 3, 1)).toBeCloseTo(0.6 ** 3, 12);
    expect(regularizedIncompleteBeta(0.5, 2.5, 2.5)).toBeCloseTo(0.5, 12);
  });
  it('Student t tail probabilities match published tables', () => {
    // Critical values: t(0.975; 10) = 2.228139, t(0.995; 5) = 4.032143, t(0.975; 1) = 12.7062.
    expect(studentTTwoSided(2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSided(4.032143, 5)).toBeCloseTo(0.01, 6);
    expect(studentTTwoSided(12.7062, 1)).toBeCloseTo(0.05, 5);
    expect(studentTTwoSided(0, 7)).toBeCloseTo(1, 12);
  });
});

describe('paired tests', () => {
  it('t-test on a hand example (differences 1,1,2,1,1: t = 6 with 4 df, two-sided p = 0.003883)', () => {
    const a = [1, 2, 3, 4, 5];
    const b = [2, 3, 5, 5, 6];
    const r = pairedTTest(a, b);
    // d = 1,1,2,1,1: mean 1.2, sd 0.4472, t = 1.2 / (0.4472/sqrt 5) = 6.0
    expect(r.meanDifference).toBeCloseTo(1.2, 12);
    expect(r.statistic).toBeCloseTo(6, 9);
    expect(r.pValue).toBeCloseTo(0.003883, 5);
  });
  it('randomization p-value is close to the t-test p-value on a large sample', () => {
    const rng = seededRandom(7);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 400; i++) {
      const base = rng();
      a.push(base);
      b.push(base + 0.01 + (rng() - rng()) * 0.3);
    }
    const t = pairedTTest(a, b).pValue;
    const r = randomizationTest(a, b, { permutations: 20_000, seed: 1 }).pValue;
    expect(t).toBeGreaterThan(0.001);
    expect(t).toBeLessThan(0.5);
    expect(Math.abs(r - t)).toBeLessThan(0.01);
  });
  it('randomization test is deterministic for a seed', () => {
    const a = [0.1, 0.4, 0.35, 0.8, 0.2, 0.5];
    const b = [0.2, 0.5, 0.3, 0.9, 0.3, 0.6];
    expect(randomizationTest(a, b, { seed: 3 }).pValue).toBe(randomizationTest(a, b, { seed: 3 }).pValue);
  });
  it('identical samples are not significant', () => {
    expect(pairedTTest([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
  });
});

describe('multiple-comparison correction', () => {
  it('Holm on a hand example', () => {
    // p sorted: 0.01 (x4 = 0.04), 0.02 (x3 = 0.06), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04 -> max 0.06)
    expect(holm([0.03, 0.01, 0.04, 0.02]).map((x) => Number(x.toFixed(10)))).toEqual([
      0.06, 0.04, 0.06, 0.06,
    ]);
  });
  it('Bonferroni caps at 1', () => {
    expect(bonferroni([0.01, 0.3])).toEqual([0.02, 0.6]);
    expect(bonferroni([0.6, 0.7])).toEqual([1, 1]);
  });
});
