import { describe, expect, it } from 'vitest';
import { poolHiddenStates, poolingFromConfig } from './pooling.js';
import { scoreDense } from './scores.js';
import { sparsify } from './sparse-encoder.js';

describe('pooling, scores, sparsify', () => {
  it('reads sentence-transformers pooling configs', () => {
    expect(poolingFromConfig({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false })).toBe('cls');
    expect(poolingFromConfig({ pooling_mode_mean_tokens: true })).toBe('mean');
    expect(poolingFromConfig({ pooling_mode: 'max' })).toBe('max');
    expect(() => poolingFromConfig({ pooling_mode_mean_sqrt_len_tokens: true })).toThrow(
      '1_Pooling/config.json: unsupported pooling pooling_mode_mean_sqrt_len_tokens',
    );
    expect(() => poolingFromConfig({})).toThrow(/no pooling mode is switched on/);
  });

  it('pools a hand-made 2 x 3 x 2 batch over the mask', () => {
    const hidden = Float32Array.from([1, 2, 3, 4, 100, 100, 5, 6, 7, 8, 9, 10]);
    const mask = BigInt64Array.from([1n, 1n, 0n, 1n, 1n, 1n]);
    expect(Array.from(poolHiddenStates(hidden, mask, 2, 3, 2, 'cls'))).toEqual([1, 2, 5, 6]);
    expect(Array.from(poolHiddenStates(hidden, mask, 2, 3, 2, 'mean'))).toEqual([2, 3, 7, 8]);
    expect(Array.from(poolHiddenStates(hidden, mask, 2, 3, 2, 'max'))).toEqual([3, 4, 9, 10]);
  });

  it('scores dot and cosine', () => {
    const q = { data: Float32Array.from([1, 0]), rows: 1, dim: 2 };
    const p = { data: Float32Array.from([3, 4, 0, 2]), rows: 2, dim: 2 };
    expect(Array.from(scoreDense(q, p))).toEqual([3, 0]);
    expect(scoreDense(q, p, 'cosine')[0]).toBeCloseTo(0.6, 6);
    expect(() => scoreDense(q, { data: new Float32Array(3), rows: 1, dim: 3 })).toThrow(
      /queries have 2 dims but passages 3/,
    );
  });

  it('sparsifies above a threshold and keeps the top k in index order', () => {
    const row = Float32Array.from([0, 0.5, 0, 2, 0.1, 1]);
    const all = sparsify(row, 0, undefined);
    expect([Array.from(all.indices), Array.from(all.values)]).toEqual([
      [1, 3, 4, 5],
      [0.5, 2, row[4], 1],
    ]);
    const top = sparsify(row, 0.2, 2);
    expect(Array.from(top.indices)).toEqual([3, 5]);
  });
});
