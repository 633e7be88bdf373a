const POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/**
 * Parses a decimal number from `bytes[start, end)`: optional sign, digits, optional fraction, optional
 * exponent. Returns NaN when the bytes are not such a number. Plain forms with up to 15 significant
 * digits are parsed on the bytes (correctly rounded: an exact integer divided by an exact power of ten);
 * anything else falls back to `Number()` on the text.
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let k = start;
  let negative = false;
  const first = bytes[k];
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    k++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let seenPoint = false;
  for (; k < end; k++) {
    const c = bytes[k] as number;
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      if (mantissa > 0 || digits > 0) digits++;
      if (seenPoint) fraction++;
    } else if (c === 0x2e && !seenPoint) {
      seenPoint = true;
    } else {
      break;
    }
  }
  const hasDigit = k - start - (negative || first === 0x2b ? 1 : 0) - (seenPoint ? 1 : 0) > 0;
  if (k === end && hasDigit && digits <= 15 && fraction <= 22) {
    const value = fraction === 0 ? mantissa : mantissa / (POWERS_OF_TEN[fraction] as number);
    return negative ? -value : value;
  }
  if (end - start === 0) return Number.NaN;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number.NaN;
  return Number(text);
}
