import { describe, expect, it } from 'vitest';
import { assertFiniteBatch, createDenseBatch, denseRow } from './dense.js';
import { createSparseVector, sparseDot } from './sparse.js';

describe('dense batches', () => {
  it('views rows without copying', () => {
    const batch = createDenseBatch(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3);
    const row = denseRow(batch, 1);
    expect([...row]).toEqual([4, 5, 6]);
    row[0] = 40;
    expect(batch.data[3]).toBe(40);
  });

  it('rejects sizes that disagree and rows out of range', () => {
    expect(() => createDenseBatch(new Float32Array(5), 2, 3)).toThrow(/5 floats but 2 rows x 3 dims/);
    expect(() => createDenseBatch(new Float32Array(0), 0, 0)).toThrow(/dim must be a positive integer/);
    expect(() => denseRow(createDenseBatch(new Float32Array(3), 1, 3), 1)).toThrow(/row 1 is outside 0..0/);
  });

  it('names the row and dimension of a non-finite value', () => {
    const batch = createDenseBatch(Float32Array.from([0, 1, 2, Number.NaN]), 2, 2);
    expect(() => assertFiniteBatch(batch)).toThrow(/row 1, dimension 1 is NaN/);
  });
});

describe('sparse vectors', () => {
  it('sorts entries and computes dot products over shared indices', () => {
    const a = createSparseVector([
      [9, 2],
      [1, 3],
    ]);
    expect([...a.indices]).toEqual([1, 9]);
    const b = createSparseVector([
      [9, 0.5],
      [4, 7],
    ]);
    expect(sparseDot(a, b)).toBe(1);
  });

  it('rejects duplicate indices and non-finite values', () => {
    expect(() =>
      createSparseVector([
        [1, 1],
        [1, 2],
      ]),
    ).toThrow(/appears twice/);
    expect(() => createSparseVector([[1, Number.POSITIVE_INFINITY]])).toThrow(/is Infinity/);
  });
});
