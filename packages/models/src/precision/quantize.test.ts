import { seededRandom } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { fillNormal } from '../graph/seeded-random.js';
import { quantizePerRow, transposeMatrix } from './quantize.js';

describe('per-row int8 quantisation', () => {
  it('reconstructs each weight within half a step of its column scale', () => {
    const rows = 17;
    const cols = 5;
    const w = fillNormal(new Float32Array(rows * cols), seededRandom(1), 0, 0.3);
    w[3] = 0;
    w.fill(0, 2 * cols, 3 * cols);
    const q = quantizePerRow(w, rows, cols);
    expect(q.scales[2]).toBe(1);
    for (let r = 0; r < rows; r++) {
      let maxAbs = 0;
      for (let c = 0; c < cols; c++) maxAbs = Math.max(maxAbs, Math.abs(w[r * cols + c] ?? 0));
      if (maxAbs > 0) expect(q.scales[r]).toBeCloseTo(maxAbs / 127, 7);
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        expect(Math.abs((q.values[i] ?? 0) * (q.scales[r] ?? 0) - (w[i] ?? 0))).toBeLessThanOrEqual(
          (q.scales[r] ?? 0) / 2 + 1e-7,
        );
      }
    }
    expect(Math.max(...q.values.map(Math.abs))).toBe(127);
    const reduced = quantizePerRow(w, rows, cols, 63);
    expect(Math.max(...reduced.values.map(Math.abs))).toBe(63);
    expect(reduced.scales[0]).toBeCloseTo(((q.scales[0] ?? 0) * 127) / 63, 7);
  });

  it('transposes row-major matrices of floats and int8', () => {
    expect(Array.from(transposeMatrix(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([
      1, 4, 2, 5, 3, 6,
    ]);
    const t = transposeMatrix(Int8Array.from([1, 2, 3, 4, 5, 6]), 3, 2);
    expect(t).toBeInstanceOf(Int8Array);
    expect(Array.from(t)).toEqual([1, 3, 5, 2, 4, 6]);
  });
});
