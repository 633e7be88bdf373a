import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolateScores } from './interpolate.js';
import { reciprocalRankFusion } from './reciprocal-rank.js';

const sparse = { ids: ['d1', 'd2', 'd3'], scores: [10, 6, 2] };
const dense = { ids: ['d4', 'd2', 'd1'], scores: [0.8, 0.5, 0.2] };

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over the lists that retrieved a document (hand-computed)', () => {
    const a = { ids: ['d3', 'd1', 'd2'], scores: [1, 3, 2] }; // unsorted on purpose: ranks d1, d2, d3
    const b = { ids: ['d3', 'd1', 'd4'], scores: [0.9, 0.5, 0.1] };
    const fused = reciprocalRankFusion([a, b]);
    expect(fused.ids).toEqual(['d1', 'd3', 'd2', 'd4']);
    expect(fused.scores[0]).toBeCloseTo(1 / 61 + 1 / 62, 15);
    expect(fused.scores[1]).toBeCloseTo(1 / 63 + 1 / 61, 15);
    expect(fused.scores[2]).toBeCloseTo(1 / 62, 15);
    expect(fused.scores[3]).toBeCloseTo(1 / 63, 15);
  });

  it('ranks score ties within an input by id descending, as trec_eval does', () => {
    const tied = { ids: ['a', 'c', 'b'], scores: [1, 1, 1] };
    const fused = reciprocalRankFusion([tied], { k: 0 });
    expect(fused.ids).toEqual(['c', 'b', 'a']);
    expect([...fused.scores]).toEqual([1, 1 / 2, 1 / 3]);
  });

  it('honours depth, weights and limit', () => {
    const fused = reciprocalRankFusion([sparse, dense], { k: 1, depth: 1, weights: [2, 1], limit: 1 });
    expect(fused.ids).toEqual(['d1']);
    expect(fused.scores[0]).toBe(1);
  });

  it('rejects duplicate ids, mismatched arrays and bad parameters', () => {
    expect(() => reciprocalRankFusion([{ ids: ['a', 'a'], scores: [1, 2] }])).toThrow(
      /ranked list 0 lists document "a" twice/,
    );
    expect(() => reciprocalRankFusion([{ ids: ['a'], scores: [1, 2] }])).toThrow(/1 ids but 2 scores/);
    expect(() => reciprocalRankFusion([sparse], { k: -1 })).toThrow(/k must be a finite number >= 0/);
    expect(() => reciprocalRankFusion([sparse, dense], { weights: [1] })).toThrow(
      /1 weights for 2 ranked lists/,
    );
    expect(() => reciprocalRankFusion([{ ids: ['a'], scores: [Number.NaN] }])).toThrow(
      /scores document "a" NaN/,
    );
  });

  it('fuses empty inputs to an empty list', () => {
    expect(reciprocalRankFusion([{ ids: [], scores: [] }]).ids).toEqual([]);
  });
});

describe('interpolateScores', () => {
  it("reproduces pyserini's alpha * sparse + dense with centered normalisation (hand-computed)", () => {
    const fused = interpolateScores([sparse, dense], { weights: [0.5, 1], normalization: 'centered' });
    expect(fused.ids).toEqual(['d4', 'd2', 'd1', 'd3']);
    const expected = [0.25, 0, -0.25, -0.75];
    for (const [i, value] of expected.entries()) expect(fused.scores[i]).toBeCloseTo(value, 12);
  });

  it('gives a missing document the lowest score of the input that lacks it (raw scores)', () => {
    const fused = interpolateScores([sparse, dense], { normalization: 'none' });
    const score = (id: string) => fused.scores[fused.ids.indexOf(id)];
    expect(score('d3')).toBeCloseTo(2 + 0.2, 12);
    expect(score('d4')).toBeCloseTo(2 + 0.8, 12);
    expect(score('d1')).toBeCloseTo(10 + 0.2, 12);
  });

  it('maps constant inputs to 1 (minmax) and 0 (centered)', () => {
    const flat = { ids: ['x', 'y'], scores: [3, 3] };
    expect([...interpolateScores([flat], { normalization: 'minmax' }).scores]).toEqual([1, 1]);
    expect([...interpolateScores([flat], { normalization: 'centered' }).scores]).toEqual([0, 0]);
  });

  it('ranks identically under minmax and centered normalisation', () => {
    const list = fc
      .uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 12 })
      .chain((ids) =>
        fc.record({
          ids: fc.constant(ids.map((i) => `d${i}`)),
          scores: fc.array(fc.double({ min: -50, max: 50, noNaN: true }), {
            minLength: ids.length,
            maxLength: ids.length,
          }),
        }),
      );
    fc.assert(
      fc.property(list, list, fc.double({ min: 0.01, max: 5, noNaN: true }), (a, b, alpha) => {
        const minmax = interpolateScores([a, b], { weights: [alpha, 1], normalization: 'minmax' });
        const centered = interpolateScores([a, b], { weights: [alpha, 1], normalization: 'centered' });
        const shift = (minmax.scores[0] ?? 0) - (centered.scores[0] ?? 0);
        for (const [i, s] of minmax.scores.entries())
          expect(s - (centered.scores[i] ?? 0)).toBeCloseTo(shift, 9);
      }),
    );
  });
});
