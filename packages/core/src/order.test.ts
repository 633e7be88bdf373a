import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareByteOrder, compareTrecOrder } from './order.js';

describe('compareByteOrder', () => {
  it('agrees with a comparison of UTF-8 bytes on any strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const expected = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        expect(Math.sign(compareByteOrder(a, b))).toBe(expected);
      }),
    );
  });

  it('puts astral characters after the BMP, unlike UTF-16 comparison', () => {
    const astral = '\u{1F600}';
    const highBmp = '\uFF61';
    expect(astral < highBmp).toBe(true); // UTF-16 code units say otherwise
    expect(compareByteOrder(astral, highBmp)).toBeGreaterThan(0);
  });
});

describe('compareTrecOrder', () => {
  it('sorts by score descending, then docno descending', () => {
    const rows: Array<[number, string]> = [
      [1, 'a'],
      [2, 'b'],
      [1, 'c'],
      [1, 'b'],
    ];
    rows.sort((x, y) => compareTrecOrder(x[0], x[1], y[0], y[1]));
    expect(rows.map((r) => r[1])).toEqual(['b', 'c', 'b', 'a']);
  });
});
