import { describe, expect, it } from 'vitest';
import { formatFixed, formatLong, formatValue } from './c-format.js';

describe('printf-compatible number formatting', () => {
  it('rounds exact binary ties to even like glibc printf', () => {
    expect(formatFixed(0.03125, 4)).toBe('0.0312'); // toFixed gives 0.0313
    expect(formatFixed(0.09375, 4)).toBe('0.0938');
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
  });
  it('rounds non-ties to nearest', () => {
    expect(formatFixed(0.30000000000000004, 4)).toBe('0.3000');
    expect(formatFixed(2 / 3, 4)).toBe('0.6667');
    expect(formatFixed(0.0000500001, 4)).toBe('0.0001');
  });
  it('keeps the sign of negative values that round to zero', () => {
    expect(formatFixed(-0.00001, 4)).toBe('-0.0000');
    expect(formatValue(-1238 / 3)).toBe('-412.6667');
  });
  it('pads to %6.4f width and truncates longs', () => {
    expect(formatValue(0.5)).toBe('0.5000');
    expect(formatLong(3.9)).toBe('3');
    expect(formatLong(-2.5)).toBe('-2');
  });
});
