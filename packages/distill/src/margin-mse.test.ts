import { createDenseBatch } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { marginMse, marginMseDot } from './margin-mse.js';
import { maxRelativeError, randomArray, seededRandom } from './test-support/finite-difference.js';

describe('marginMse', () => {
  it('matches a hand-computed value and gradient', () => {
    // residuals: (3-1)-(10-9) = 1 and (0-2)-(5-4) = -3 -> mean of 1 and 9 = 5
    const result = marginMse({
      studentPositive: [3, 0],
      studentNegative: [1, 2],
      teacherPositive: [10, 5],
      teacherNegative: [9, 4],
    });
    expect(result.value).toBe(5);
    expect([...result.gradPositive]).toEqual([1, -3]);
    expect([...result.gradNegative]).toEqual([-1, 3]);
  });

  it('has gradients that agree with central finite differences', () => {
    const random = seededRandom(11);
    const sp = randomArray(random, 7, 10);
    const sn = randomArray(random, 7, 10);
    const tp = randomArray(random, 7, 10);
    const tn = randomArray(random, 7, 10);
    const input = { studentPositive: sp, studentNegative: sn, teacherPositive: tp, teacherNegative: tn };
    const result = marginMse(input);
    const loss = (): number => marginMse(input).value;
    expect(maxRelativeError(loss, sp, result.gradPositive)).toBeLessThan(1e-4);
    expect(maxRelativeError(loss, sn, result.gradNegative)).toBeLessThan(1e-4);
  });

  it('stays finite with scores of 1e4', () => {
    const result = marginMse({
      studentPositive: [1e4, -1e4],
      studentNegative: [-1e4, 1e4],
      teacherPositive: [-1e4, 1e4],
      teacherNegative: [1e4, -1e4],
    });
    expect(result.value).toBe(1.6e9);
    expect([...result.gradPositive].every(Number.isFinite)).toBe(true);
  });

  it('rejects mismatched lengths, empty batches and NaN', () => {
    const ok = [1, 2];
    expect(() =>
      marginMse({ studentPositive: ok, studentNegative: [1], teacherPositive: ok, teacherNegative: ok }),
    ).toThrow(/field "studentNegative": studentNegative has 1 scores but 2 are expected/);
    expect(() =>
      marginMse({ studentPositive: [], studentNegative: [], teacherPositive: [], teacherNegative: [] }),
    ).toThrow(/studentPositive is empty/);
    expect(() =>
      marginMse({
        studentPositive: ok,
        studentNegative: ok,
        teacherPositive: [1, Number.NaN],
        teacherNegative: ok,
      }),
    ).toThrow(/teacherPositive\[1\] is NaN/);
  });
});

describe('marginMseDot', () => {
  it('has vector gradients that agree with central finite differences', () => {
    const random = seededRandom(12);
    const [b, d] = [5, 4];
    const queries = { data: randomArray(random, b * d), rows: b, dim: d };
    const positives = { data: randomArray(random, b * d), rows: b, dim: d };
    const negatives = { data: randomArray(random, b * d), rows: b, dim: d };
    const input = {
      queries,
      positives,
      negatives,
      teacherPositive: randomArray(random, b, 3),
      teacherNegative: randomArray(random, b, 3),
    };
    const result = marginMseDot(input);
    const loss = (): number => marginMseDot(input).value;
    expect(maxRelativeError(loss, queries.data, result.gradQueries)).toBeLessThan(1e-4);
    expect(maxRelativeError(loss, positives.data, result.gradPositives)).toBeLessThan(1e-4);
    expect(maxRelativeError(loss, negatives.data, result.gradNegatives)).toBeLessThan(1e-4);
  });

  it('accepts core DenseBatch inputs and checks their shapes', () => {
    const q = createDenseBatch(Float32Array.from([1, 0, 0, 1]), 2, 2);
    const p = createDenseBatch(Float32Array.from([2, 0, 0, 3]), 2, 2);
    const n = createDenseBatch(Float32Array.from([1, 0, 0, 1]), 2, 2);
    const result = marginMseDot({
      queries: q,
      positives: p,
      negatives: n,
      teacherPositive: [1, 2],
      teacherNegative: [0, 0],
    });
    // student margins 1 and 2 equal the teacher margins
    expect(result.value).toBe(0);
    const wide = createDenseBatch(new Float32Array(6), 2, 3);
    expect(() =>
      marginMseDot({
        queries: q,
        positives: wide,
        negatives: n,
        teacherPositive: [1, 2],
        teacherNegative: [0, 0],
      }),
    ).toThrow(/positives is 2 x 3 but 2 x 2 is expected/);
  });
});
