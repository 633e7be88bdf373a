/**
 * Lower-cases like Java's `Character.toLowerCase(int)` applied per code point (what Lucene's
 * `LowerCaseFilter` does): simple case mapping only, no context (Σ always becomes σ) and no
 * special casing (İ becomes i, not i + combining dot).
 */
const cache = new Map<number, string>();

function lowerCodePoint(cp: number): string {
  let lowered = cache.get(cp);
  if (lowered === undefined) {
    const ch = String.fromCodePoint(cp);
    const full = ch.toLowerCase();
    // Special casings expand to several code points; the simple mapping is their first one
    // (U+0130 -> U+0069 is the only such case in Unicode's SpecialCasing for lower case).
    lowered = [...full].length === 1 ? full : String.fromCodePoint(full.codePointAt(0) as number);
    cache.set(cp, lowered);
  }
  return lowered;
}

/** Lower-cases `text` code point by code point (see the module note). */
export function javaLowerCase(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.toLowerCase();
  let out = '';
  for (const ch of text) out += lowerCodePoint(ch.codePointAt(0) as number);
  return out;
}
