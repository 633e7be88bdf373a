import { WordClass, wordClass } from './word-break-class.js';

/** Lucene's default maximum token length (`StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH`). */
export const DEFAULT_MAX_TOKEN_LENGTH = 255;

const W = WordClass;

/** Reusable unit buffers: a unit is a base character plus its attached Extend/Format/ZWJ characters. */
let unitStart = new Int32Array(1024);
let unitEnd = new Int32Array(1024);
let unitClass = new Uint8Array(1024);

function ensureCapacity(length: number): void {
  if (unitStart.length >= length) return;
  const size = Math.max(length, unitStart.length * 2);
  unitStart = new Int32Array(size);
  unitEnd = new Int32Array(size);
  unitClass = new Uint8Array(size);
}

function splitUnits(text: string): number {
  ensureCapacity(text.length + 1);
  let count = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const cls = cp < 0x80 ? asciiClass(cp) : wordClass(cp);
    const previous = count > 0 ? (unitClass[count - 1] as number) : W.Newline;
    if (cls === W.Extend && previous !== W.Newline) {
      unitEnd[count - 1] = i + width; // WB4: attach to the preceding character
    } else {
      unitStart[count] = i;
      unitEnd[count] = i + width;
      unitClass[count] = cls === W.Extend ? W.Other : cls;
      count++;
    }
    i += width;
  }
  return count;
}

const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = wordClass(c);

function asciiClass(cp: number): number {
  return ASCII[cp] as number;
}

function isAHLetter(cls: number): boolean {
  return cls === W.ALetter || cls === W.Hebrew;
}

function isWordStart(cls: number): boolean {
  return (
    cls === W.ALetter || cls === W.Hebrew || cls === W.Numeric || cls === W.Katakana || cls === W.ExtendNumLet
  );
}

/** Rules WB5, WB8-WB10, WB13, WB13a, WB13b: may `next` follow `previous` inside one word? */
function joinsDirectly(previous: number, next: number): boolean {
  if (next === W.ExtendNumLet) return true; // previous is always a word class here
  if (isAHLetter(next) || next === W.Numeric) {
    return isAHLetter(previous) || previous === W.Numeric || previous === W.ExtendNumLet;
  }
  if (next === W.Katakana) return previous === W.Katakana || previous === W.ExtendNumLet;
  return false;
}

/** Scans the word starting at unit `u` (rules WB5-WB13b); returns the unit index after it. */
function scanWord(u: number, count: number): number {
  let previous = unitClass[u] as number;
  let v = u + 1;
  while (v < count) {
    const next = unitClass[v] as number;
    if (joinsDirectly(previous, next)) {
      previous = next;
      v++;
      continue;
    }
    const after = v + 1 < count ? (unitClass[v + 1] as number) : W.Other;
    const quoteLike = next === W.MidNumLet || next === W.SingleQuote;
    if (isAHLetter(previous) && (next === W.MidLetter || quoteLike) && isAHLetter(after)) {
      previous = after; // WB6, WB7
      v += 2;
      continue;
    }
    if (previous === W.Numeric && (next === W.MidNum || quoteLike) && after === W.Numeric) {
      v += 2; // WB11, WB12
      continue;
    }
    if (previous === W.Hebrew && next === W.DoubleQuote && after === W.Hebrew) {
      v += 2; // WB7b, WB7c
      continue;
    }
    if (previous === W.Hebrew && next === W.SingleQuote) return v + 1; // WB7a
    break;
  }
  return v;
}

function hasCore(from: number, to: number): boolean {
  for (let u = from; u < to; u++) if (unitClass[u] !== W.ExtendNumLet) return true;
  return false;
}

function emit(text: string, start: number, end: number, maxLength: number, out: string[]): void {
  // Lucene's scanner buffer is maxTokenLength chars: longer words come out in pieces of that size.
  for (let s = start; s < end; s += maxLength) out.push(text.slice(s, Math.min(end, s + maxLength)));
}

/**
 * Splits text into tokens the way Lucene's `StandardTokenizer` does (Unicode UAX #29 word
 * boundaries): words of letters and digits (`1,000`, `3.5`, `don't`, `e.g` stay whole), each
 * ideograph and hiragana character alone, runs of Southeast Asian script as one token, emoji;
 * punctuation, symbols and whitespace are dropped. Tokens longer than `maxTokenLength` UTF-16
 * units are cut into pieces of that length, as Lucene does.
 *
 * @example
 * ```ts
 * standardTokenize("The 1,000 U.S. dogs' e-mails"); // ['The', '1,000', 'U.S', 'dogs', 'e', 'mails']
 * ```
 */
export function standardTokenize(text: string, maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH): string[] {
  const out: string[] = [];
  const count = splitUnits(text);
  let u = 0;
  while (u < count) {
    const cls = unitClass[u] as number;
    let v = u + 1;
    if (isWordStart(cls)) {
      v = scanWord(u, count);
      if (hasCore(u, v)) emit(text, unitStart[u] as number, unitEnd[v - 1] as number, maxTokenLength, out);
    } else if (cls === W.Ideographic || cls === W.Hiragana) {
      emit(text, unitStart[u] as number, unitEnd[u] as number, maxTokenLength, out);
    } else if (cls === W.SoutheastAsian) {
      while (v < count && unitClass[v] === W.SoutheastAsian) v++;
      emit(text, unitStart[u] as number, unitEnd[v - 1] as number, maxTokenLength, out);
    } else if (cls === W.Emoji) {
      // WB3c: ZWJ x Extended_Pictographic keeps emoji ZWJ sequences together.
      while (
        v < count &&
        unitClass[v] === W.Emoji &&
        text.charCodeAt((unitEnd[v - 1] as number) - 1) === 0x200d
      )
        v++;
      emit(text, unitStart[u] as number, unitEnd[v - 1] as number, maxTokenLength, out);
    } else if (cls === W.RegionalIndicator) {
      if (v < count && unitClass[v] === W.RegionalIndicator) v++; // WB15/16: flags are pairs
      if (v - u === 2) emit(text, unitStart[u] as number, unitEnd[v - 1] as number, maxTokenLength, out);
    }
    u = v;
  }
  return out;
}
