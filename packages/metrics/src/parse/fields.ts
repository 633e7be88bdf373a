/** True for the bytes C's `isspace` accepts: space, \t, \n, \v, \f, \r. */
export function isSpace(b: number): boolean {
  return b === 32 || (b - 9) >>> 0 <= 4;
}

/**
 * Splits `bytes[start, end)` at runs of whitespace (or at tabs only when `tabOnly`), writing field
 * boundaries to `bounds` (start0, end0, start1, end1, ...). Returns the number of fields found, which may
 * exceed `bounds.length / 2` (extra fields are counted, not recorded).
 */
export function splitFields(
  bytes: Uint8Array,
  start: number,
  end: number,
  bounds: Int32Array,
  tabOnly = false,
): number {
  const max = bounds.length >> 1;
  let count = 0;
  let i = start;
  if (tabOnly) {
    let fieldStart = start;
    for (; i <= end; i++) {
      if (i === end || bytes[i] === 9) {
        if (count < max) {
          bounds[2 * count] = fieldStart;
          bounds[2 * count + 1] = i;
        }
        count++;
        fieldStart = i + 1;
      }
    }
    return count;
  }
  while (i < end) {
    while (i < end && isSpace(bytes[i] as number)) i++;
    if (i >= end) break;
    const s = i;
    while (i < end && !isSpace(bytes[i] as number)) i++;
    if (count < max) {
      bounds[2 * count] = s;
      bounds[2 * count + 1] = i;
    }
    count++;
  }
  return count;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** Latin-1 text of a byte range (for messages and the slow parsing path). */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/**
 * Parses a decimal number (`[+-]digits[.digits][e[+-]digits]`) from bytes, correctly rounded like
 * `strtod`. Returns NaN for anything that is not a finite decimal number (including "nan", "inf", "").
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = bytes[i];
  if (first === 45 || first === 43) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let sawDigit = false;
  while (i < end) {
    const c = (bytes[i] as number) - 48;
    if (c < 0 || c > 9) break;
    mantissa = mantissa * 10 + c;
    digits++;
    sawDigit = true;
    i++;
  }
  if (i < end && bytes[i] === 46) {
    i++;
    while (i < end) {
      const c = (bytes[i] as number) - 48;
      if (c < 0 || c > 9) break;
      mantissa = mantissa * 10 + c;
      digits++;
      scale--;
      sawDigit = true;
      i++;
    }
  }
  if (!sawDigit) return Number.NaN;
  if (i < end) {
    const e = bytes[i];
    if (e !== 101 && e !== 69) return Number.NaN;
    return slowParse(bytes, start, end);
  }
  if (digits > 15) return slowParse(bytes, start, end);
  let value: number;
  if (scale === 0) value = mantissa;
  else if (-scale <= 22) value = mantissa / (POW10[-scale] as number);
  else return slowParse(bytes, start, end);
  return negative ? -value : value;
}

function slowParse(bytes: Uint8Array, start: number, end: number): number {
  const text = latin1(bytes, start, end);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Parses a base-10 integer from bytes; NaN when the range is not `[+-]digits`. */
export function parseInteger(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (bytes[i] === 45 || bytes[i] === 43) {
    negative = bytes[i] === 45;
    i++;
  }
  if (i >= end) return Number.NaN;
  let value = 0;
  for (; i < end; i++) {
    const c = (bytes[i] as number) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    value = value * 10 + c;
  }
  return negative ? -value : value;
}
