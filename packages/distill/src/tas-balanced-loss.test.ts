import { describe, expect, it } from 'vitest';
import { inBatchDualSupervision } from './in-batch-dual.js';
import { tasBalancedLoss, tasBalancedLossDot } from './tas-balanced-loss.js';
import { maxRelativeError, randomArray, seededRandom } from './test-support/finite-difference.js';

function square(data: ArrayLike<number>, b: number): { data: ArrayLike<number>; rows: number; cols: number } {
  return { data, rows: b, cols: b };
}

describe('inBatchDualSupervision', () => {
  it('matches a hand-computed value for B = 2', () => {
    // S+ = [[5, 1], [2, 4]], S- = [[0, 3], [1, 0]], teachers all zero.
    // term+: (5-1)^2 = 16, (4-2)^2 = 4 -> mean 10; term-: (5-3)^2 = 4, (4-1)^2 = 9 -> mean 6.5
    const result = inBatchDualSupervision({
      studentPositive: square([5, 1, 2, 4], 2),
      studentNegative: square([0, 3, 1, 0], 2),
      teacherPositive: square([0, 0, 0, 0], 2),
      teacherNegative: square([0, 0, 0, 0], 2),
    });
    expect(result.value).toBe(8.25);
    // d/dS+_00 = (4 + 2) / 2 = 3; d/dS+_01 = -4/2 = -2; d/dS-_01 = -2/2 = -1
    expect([...result.gradPositive]).toEqual([3, -2, -1, 2.5]);
    expect([...result.gradNegative]).toEqual([0, -1, -1.5, 0]);
  });

  it('rejects a batch of one query', () => {
    const one = square([1], 1);
    expect(() =>
      inBatchDualSupervision({
        studentPositive: one,
        studentNegative: one,
        teacherPositive: one,
        teacherNegative: one,
      }),
    ).toThrow(/needs a batch of at least 2 queries/);
  });
});

describe('tasBalancedLoss', () => {
  const random = seededRandom(31);
  const b = 4;
  const d = 3;
  const teacher = {
    teacherPositive: randomArray(random, b, 5),
    teacherNegative: randomArray(random, b, 5),
    teacherPositiveMatrix: square(randomArray(random, b * b, 5), b),
    teacherNegativeMatrix: square(randomArray(random, b * b, 5), b),
  };

  it('is L_pair + 0.75 L_ib by default, with the weights as parameters', () => {
    const input = {
      ...teacher,
      studentPositive: square(randomArray(random, b * b, 5), b),
      studentNegative: square(randomArray(random, b * b, 5), b),
    };
    const result = tasBalancedLoss(input);
    expect(result.value).toBeCloseTo(result.pairValue + 0.75 * result.inBatchValue, 10);
    const weighted = tasBalancedLoss({ ...input, pairWeight: 2, inBatchWeight: 0 });
    expect(weighted.value).toBeCloseTo(2 * result.pairValue, 10);
    expect(() => tasBalancedLoss({ ...input, inBatchWeight: -1 })).toThrow(
      /inBatchWeight must be a number >= 0/,
    );
  });

  it('has score gradients that agree with central finite differences', () => {
    const sp = randomArray(random, b * b, 5);
    const sn = randomArray(random, b * b, 5);
    const input = { ...teacher, studentPositive: square(sp, b), studentNegative: square(sn, b) };
    const result = tasBalancedLoss(input);
    const loss = (): number => tasBalancedLoss(input).value;
    expect(maxRelativeError(loss, sp, result.gradPositive)).toBeLessThan(1e-4);
    expect(maxRelativeError(loss, sn, result.gradNegative)).toBeLessThan(1e-4);
  });

  it('has vector gradients that agree with central finite differences', () => {
    const queries = { data: randomArray(random, b * d), rows: b, dim: d };
    const positives = { data: randomArray(random, b * d), rows: b, dim: d };
    const negatives = { data: randomArray(random, b * d), rows: b, dim: d };
    const input = { ...teacher, queries, positives, negatives };
    const result = tasBalancedLossDot(input);
    const loss = (): number => tasBalancedLossDot(input).value;
    expect(maxRelativeError(loss, queries.data, result.gradQueries)).toBeLessThan(1e-4);
    expect(maxRelativeError(loss, positives.data, result.gradPositives)).toBeLessThan(1e-4);
    expect(maxRelativeError(loss, negatives.data, result.gradNegatives)).toBeLessThan(1e-4);
  });

  it('stays finite with scores of 1e4 and rejects NaN in a teacher matrix', () => {
    const huge = square([1e4, -1e4, -1e4, 1e4], 2);
    const result = tasBalancedLoss({
      studentPositive: huge,
      studentNegative: huge,
      teacherPositive: [-1e4, 1e4],
      teacherNegative: [1e4, -1e4],
      teacherPositiveMatrix: square([-1e4, 1e4, 1e4, -1e4], 2),
      teacherNegativeMatrix: huge,
    });
    expect(Number.isFinite(result.value)).toBe(true);
    expect([...result.gradPositive, ...result.gradNegative].every(Number.isFinite)).toBe(true);
    expect(() =>
      tasBalancedLoss({
        studentPositive: huge,
        studentNegative: huge,
        teacherPositive: [0, 0],
        teacherNegative: [0, 0],
        teacherPositiveMatrix: square([0, Number.NaN, 0, 0], 2),
        teacherNegativeMatrix: huge,
      }),
    ).toThrow(/teacherPositiveMatrix\[1\] is NaN/);
  });
});
