import { createSparseVector, RetrievekitError, type SparseVector } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { createImpactIndexBuilder } from './impact-index-builder.js';

const vectors: Record<string, SparseVector> = {
  a: createSparseVector([
    [1, 0.5],
    [7, 1.234],
  ]),
  b: createSparseVector([
    [1, 2],
    [3, 0.004], // quantises to 0: not stored
  ]),
  c: createSparseVector([[7, 0.3]]),
  d: createSparseVector([]),
};

function build() {
  const builder = createImpactIndexBuilder();
  for (const [id, v] of Object.entries(vectors)) builder.add(id, v);
  return builder.build();
}

describe('ImpactIndex', () => {
  const index = build();

  it('scores sum(round(100 q) * round(100 w)) / 10^4', () => {
    const query = createSparseVector([
      [1, 1.006],
      [7, 0.5],
    ]);
    const result = index.search(query);
    // independent: quantise by hand and take the dot product
    const expected: Record<string, number> = {
      a: (101 * 50 + 50 * 123) / 1e4,
      b: (101 * 200) / 1e4,
      c: (50 * 30) / 1e4,
    };
    expect(result.ids).toEqual(['b', 'a', 'c']);
    expect(Array.from(result.scores)).toEqual(result.ids.map((id) => expected[id]));
    expect(index.docFreq(3)).toBe(0);
  });

  it('computes FLOPS as the sum of squared document frequencies over N', () => {
    // term 1: df 2, term 7: df 2 (term 3 quantised away); N = 4
    expect(index.flops()).toBeCloseTo((2 / 4) ** 2 + (2 / 4) ** 2, 12);
    const queries = [
      createSparseVector([[1, 1]]),
      createSparseVector([
        [1, 1],
        [9, 1],
      ]),
    ];
    expect(index.expectedFlops(queries)).toBeCloseTo(1 * (2 / 4) + 0.5 * 0, 12);
  });

  it('returns an empty list for empty or unknown queries', () => {
    expect(index.search(createSparseVector([])).ids).toEqual([]);
    expect(index.search(createSparseVector([[99, 1]])).ids).toEqual([]);
    expect(index.search(createSparseVector([[1, 0.001]])).ids).toEqual([]); // quantises to 0
  });

  it('rejects duplicate ids and bad weights', () => {
    const builder = createImpactIndexBuilder();
    builder.add('x', vectors.a as SparseVector);
    expect(() => builder.add('x', vectors.c as SparseVector)).toThrow(
      /document id "x" at index 1 was already added at index 0/,
    );
    const negative = { indices: Uint32Array.of(1), values: Float32Array.of(-1) };
    expect(() => builder.add('y', negative)).toThrow(/negative weight -1/);
    const nan = { indices: Uint32Array.of(1), values: Float32Array.of(Number.NaN) };
    let error: unknown;
    try {
      index.search(nan);
    } catch (e) {
      error = e;
    }
    expect(RetrievekitError.hasCode(error, 'NON_FINITE')).toBe(true);
    const unsorted = { indices: Uint32Array.of(5, 2), values: Float32Array.of(1, 1) };
    expect(() => index.search(unsorted)).toThrow(/indices not strictly increasing/);
  });
});
