/** FNV-1a 32-bit hash of `bytes[start, end)`, as a signed 32-bit integer. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  }
  return h;
}

/** True when `a[aStart, aEnd)` and `b[bStart, bEnd)` hold the same bytes. */
export function bytesEqual(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): boolean {
  const len = aEnd - aStart;
  if (len !== bEnd - bStart) return false;
  for (let i = 0; i < len; i++) {
    if (a[aStart + i] !== b[bStart + i]) return false;
  }
  return true;
}

/** C `strcmp` over byte ranges: negative, zero or positive (unsigned byte order, shorter prefix first). */
export function compareBytes(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): number {
  const aLen = aEnd - aStart;
  const bLen = bEnd - bStart;
  const len = Math.min(aLen, bLen);
  for (let i = 0; i < len; i++) {
    const d = (a[aStart + i] as number) - (b[bStart + i] as number);
    if (d !== 0) return d;
  }
  return aLen - bLen;
}
