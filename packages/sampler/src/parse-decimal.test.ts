import { describe, expect, it } from 'vitest';
import { IdCodes } from './id-codes.js';
import { parseDecimal } from './parse-decimal.js';

const parse = (text: string): number => {
  const bytes = Buffer.from(`#${text}#`, 'utf8');
  return parseDecimal(bytes, 1, bytes.length - 1);
};

describe('parseDecimal', () => {
  it('agrees with Number() on plain and exponent forms', () => {
    for (const text of [
      '0',
      '-0.5',
      '12.25',
      '+3',
      '8.123456789012',
      '-11.0000001',
      '.5',
      '7.',
      '1e3',
      '-2.5E-4',
      '123456789012345678',
    ]) {
      expect(parse(text)).toBe(Number(text));
    }
  });

  it('returns NaN for text that is not a decimal number', () => {
    for (const text of ['', '-', '.', 'abc', '1.2.3', '1,5', 'NaN', 'Infinity', '0x10', '1e']) {
      expect(parse(text)).toBeNaN();
    }
  });
});

describe('IdCodes', () => {
  it('codes canonical decimals as themselves and interns everything else', () => {
    const ids = new IdCodes();
    expect(ids.codeOfText('8841823')).toBe(8841823);
    expect(ids.codeOfText('007')).toBe(-1);
    expect(ids.codeOfText('doc-a')).toBe(-2);
    expect(ids.codeOfText('007')).toBe(-1);
    expect(ids.codeOfText('2147483648')).toBe(-3);
    const bytes = Buffer.from('x2147483647|doc-a|d\u00e9j\u00e0');
    expect(ids.codeOfBytes(bytes, 1, 11)).toBe(2147483647);
    expect(ids.codeOfBytes(bytes, 12, 17)).toBe(-2);
    const accented = ids.codeOfBytes(bytes, 18, bytes.length);
    expect(ids.text(accented)).toBe('d\u00e9j\u00e0');
    expect(ids.text(-3)).toBe('2147483648');
    expect(ids.lookup('nope')).toBeUndefined();
    expect(ids.internedCount).toBe(4);
  });
});
