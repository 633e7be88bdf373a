/**
 * Compares two strings in UTF-8 byte order (the order of C's `strcmp` on UTF-8 text), which is also
 * Unicode code point order. JavaScript's `<` compares UTF-16 code units and disagrees for characters
 * outside the Basic Multilingual Plane.
 *
 * @returns a negative number, zero or a positive number, like `Array.prototype.sort` expects.
 */
export function compareByteOrder(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF: they sort after every BMP unit.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * trec_eval's ranking order: score descending, ties broken by docno in DESCENDING byte order
 * (`form_res_rels.c`). Sorting a run with it makes written ranks agree with what trec_eval evaluates.
 */
export function compareTrecOrder(scoreA: number, idA: string, scoreB: number, idB: string): number {
  if (scoreA !== scoreB) return scoreA > scoreB ? -1 : 1;
  return compareByteOrder(idB, idA);
}
