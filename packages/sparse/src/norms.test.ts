import { describe, expect, it } from 'vitest';
import { byte4ToInt, intToByte4, LENGTH_TABLE } from './norms.js';

// Independent formulation of Lucene's SmallFloat.intToByte4: below 24 exact; above, 24 + (n - 24)
// truncated to its 4 most significant bits.
function truncatedLength(n: number): number {
  if (n < 24) return n;
  const rest = n - 24;
  const bits = Math.floor(Math.log2(rest)) + 1;
  if (bits <= 4) return n;
  const drop = 2 ** (bits - 4);
  return 24 + Math.floor(rest / drop) * drop;
}

describe('Lucene one-byte length norms', () => {
  it('decode(encode(n)) truncates to 4 significant bits above 24', () => {
    const wrong: number[] = [];
    for (let n = 0; n < 70_000; n++) if (byte4ToInt(intToByte4(n)) !== truncatedLength(n)) wrong.push(n);
    expect(wrong).toEqual([]);
    expect(byte4ToInt(intToByte4(0x7fffffff))).toBe(truncatedLength(0x7fffffff));
  });

  it('is monotone, uses all 256 codes and fits in a byte', () => {
    let previous = -1;
    for (let b = 0; b < 256; b++) {
      expect(LENGTH_TABLE[b]).toBeGreaterThan(previous);
      previous = LENGTH_TABLE[b] as number;
      expect(intToByte4(byte4ToInt(b))).toBe(b);
    }
    expect(intToByte4(0x7fffffff)).toBe(255);
    expect(LENGTH_TABLE[40]).toBe(40); // Lucene's explain marks norms above 39 as approximate
  });

  it('rejects negative and fractional lengths', () => {
    expect(() => intToByte4(-1)).toThrow(/length must be an integer/);
    expect(() => intToByte4(1.5)).toThrow(/length must be an integer/);
  });
});
