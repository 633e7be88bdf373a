import { describe, expect, it } from 'vitest';
import { inBatchCrossEntropy } from './in-batch-cross-entropy.js';
import { inBatchCrossEntropyVectors } from './in-batch-cross-entropy-vectors.js';
import { maxRelativeError, randomArray, seededRandom } from './test-support/finite-difference.js';

describe('inBatchCrossEntropy', () => {
  it('matches hand-computed values', () => {
    expect(inBatchCrossEntropy({ scores: { data: [0, 0, 0, 0], rows: 2, cols: 2 } }).value).toBeCloseTo(
      Math.LN2,
      15,
    );
    // row 0: target logit 2 of [2, 0, 0] at scale 0.5 -> [1, 0, 0]: ln(e + 2) - 1
    const result = inBatchCrossEntropy({ scores: { data: [2, 0, 0], rows: 1, cols: 3 }, scale: 0.5 });
    expect(result.value).toBeCloseTo(Math.log(Math.E + 2) - 1, 14);
    expect(result.gradient[1]).toBeCloseTo(0.5 / (Math.E + 2), 14);
  });

  it('has score gradients that agree with central finite differences', () => {
    const random = seededRandom(51);
    const scores = { data: randomArray(random, 4 * 7, 2), rows: 4, cols: 7 };
    const result = inBatchCrossEntropy({ scores, scale: 20 });
    const loss = (): number => inBatchCrossEntropy({ scores, scale: 20 }).value;
    expect(maxRelativeError(loss, scores.data, result.gradient)).toBeLessThan(1e-4);
  });

  it('stays finite with scores of 1e4', () => {
    const result = inBatchCrossEntropy({ scores: { data: [-1e4, 1e4, 1e4, -1e4], rows: 2, cols: 2 } });
    expect(result.value).toBeCloseTo(2e4, 6);
    expect([...result.gradient].every(Number.isFinite)).toBe(true);
  });

  it('rejects fewer columns than queries', () => {
    expect(() => inBatchCrossEntropy({ scores: { data: [1, 2], rows: 2, cols: 1 } })).toThrow(
      /scores has 1 columns for 2 queries/,
    );
  });
});

describe('inBatchCrossEntropyVectors', () => {
  const random = seededRandom(52);
  const b = 3;
  const d = 4;
  for (const similarity of ['dot', 'cosine'] as const) {
    it(`has ${similarity} vector gradients that agree with central finite differences`, () => {
      const queries = { data: randomArray(random, b * d), rows: b, dim: d };
      const positives = { data: randomArray(random, b * d), rows: b, dim: d };
      const hardNegatives = { data: randomArray(random, 2 * d), rows: 2, dim: d };
      const input = { queries, positives, hardNegatives, similarity };
      const result = inBatchCrossEntropyVectors(input);
      const loss = (): number => inBatchCrossEntropyVectors(input).value;
      expect(maxRelativeError(loss, queries.data, result.gradQueries)).toBeLessThan(1e-4);
      expect(maxRelativeError(loss, positives.data, result.gradPositives)).toBeLessThan(1e-4);
      expect(maxRelativeError(loss, hardNegatives.data, result.gradHardNegatives)).toBeLessThan(1e-4);
    });
  }

  it('uses scale 20 for cosine and agrees with the score-level loss', () => {
    const queries = { data: Float64Array.from([3, 0, 0, 2]), rows: 2, dim: 2 };
    const positives = { data: Float64Array.from([1, 1, 0, 5]), rows: 2, dim: 2 };
    const result = inBatchCrossEntropyVectors({ queries, positives, similarity: 'cosine' });
    const c = Math.SQRT1_2;
    const expected = inBatchCrossEntropy({ scores: { data: [c, 0, c, 1], rows: 2, cols: 2 }, scale: 20 });
    expect(result.value).toBeCloseTo(expected.value, 12);
    expect(result.gradHardNegatives.length).toBe(0);
  });

  it('rejects a zero vector under cosine', () => {
    const queries = { data: Float64Array.from([0, 0]), rows: 1, dim: 2 };
    const positives = { data: Float64Array.from([1, 0]), rows: 1, dim: 2 };
    expect(() => inBatchCrossEntropyVectors({ queries, positives, similarity: 'cosine' })).toThrow(
      /queries row 0 is the zero vector/,
    );
  });
});
