import { describe, expect, it } from 'vitest';
import { bruteForceTopK } from '../brute-force.js';
import { exactTopKViolations } from './compare.js';

// The conformance checks must be able to fail: feed them wrong results.
const corpus = { data: Float32Array.from([1, 0, 0, 1, 1, 1, -1, 0]), rows: 4, dim: 2 };
const queries = { data: Float32Array.from([2, 1]), rows: 1, dim: 2 };
const rowOf = new Map(['a', 'b', 'c', 'd'].map((id, row) => [id, row]));
const context = { metric: 'dot' as const, queries, q: 0, corpus, tolerance: 1e-6 };

describe('exactTopKViolations', () => {
  const reference = bruteForceTopK(corpus, queries, 2, 'dot')[0] ?? {
    rows: new Int32Array(),
    scores: new Float64Array(),
  };

  it('brute force ranks by dot product (hand-computed: c=3, a=2, b=1, d=-2)', () => {
    expect(Array.from(reference.rows)).toEqual([2, 0]);
    expect(Array.from(reference.scores)).toEqual([3, 2]);
    const l2 = bruteForceTopK(corpus, queries, 4, 'l2')[0];
    expect(Array.from(l2?.scores ?? [])).toEqual([-1, -2, -4, -10]); // c, a, b, d
  });

  it('accepts the right answer', () => {
    expect(
      exactTopKViolations({ ids: ['c', 'a'], scores: Float32Array.from([3, 2]) }, reference, rowOf, context),
    ).toEqual([]);
  });

  it('flags a wrong id, a wrong score, a short list, an unsorted list and an unknown id', () => {
    const check = (ids: string[], scores: number[]) =>
      exactTopKViolations({ ids, scores: Float32Array.from(scores) }, reference, rowOf, context);
    expect(check(['c', 'b'], [3, 2]).join()).toMatch(/b scored 2, its vector gives 1/);
    expect(check(['c', 'a'], [3, 2.5]).join()).toMatch(/score 2.5, reference 2/);
    expect(check(['c'], [3]).join()).toMatch(/1 results, expected 2/);
    expect(check(['a', 'c'], [2, 3]).join()).toMatch(/score increases/);
    expect(check(['c', 'zz'], [3, 2]).join()).toMatch(/zz is not in the corpus/);
    expect(check(['c', 'c'], [3, 3]).join()).toMatch(/duplicate ids/);
  });
});
