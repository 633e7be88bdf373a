import { describe, expect, it } from 'vitest';
import { F16_MAX, floatToHalfBits, halfBitsToFloat, halfDecodeTable } from './f16.js';

describe('f16 codec', () => {
  it('encodes reference values of IEEE 754 binary16', () => {
    // Bit patterns from the IEEE 754 half-precision tables.
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [0.1, 0x2e66],
      [1 / 3, 0x3555],
      [65504, 0x7bff],
      [65520, 0x7c00], // rounds up to Infinity
      [2 ** -14, 0x0400], // smallest normal
      [2 ** -24, 0x0001], // smallest subnormal
      [2 ** -25, 0x0000], // tie rounds to even (0)
      [3 * 2 ** -25, 0x0002], // tie rounds to even (2)
      [1 + 2 ** -11, 0x3c00], // tie rounds to even mantissa
      [1 + 3 * 2 ** -11, 0x3c02],
      [Number.POSITIVE_INFINITY, 0x7c00],
    ];
    for (const [value, bits] of cases) expect(floatToHalfBits(value), String(value)).toBe(bits);
    expect(floatToHalfBits(Number.NaN) & 0x7c00).toBe(0x7c00);
  });

  it('decodes every finite pattern back to itself', () => {
    const table = halfDecodeTable();
    const wrong: number[] = [];
    let finite = 0;
    for (let bits = 0; bits < 65536; bits++) {
      const value = halfBitsToFloat(bits);
      if (!Number.isFinite(value)) continue;
      finite++;
      if (table[bits] !== value || floatToHalfBits(value) !== bits) wrong.push(bits);
    }
    expect(finite).toBe(65536 - 2 * 1024); // all but the 2 x 1024 Infinity/NaN patterns
    expect(wrong).toEqual([]);
    expect(halfBitsToFloat(0x7bff)).toBe(F16_MAX);
  });

  it('rounds with relative error at most 2^-11 in the normal range', () => {
    const wrong: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const value = (Math.sin(i * 12.9898) * 43758.5453) % 1000;
      if (Math.abs(value) < 2 ** -14) continue;
      const rounded = halfBitsToFloat(floatToHalfBits(value));
      if (!(Math.abs(rounded - value) <= Math.abs(value) * 2 ** -11)) wrong.push(value);
    }
    expect(wrong).toEqual([]);
  });
});
