/**
 * Unicode word-break classes (UAX #29) as Lucene's StandardTokenizer (JFlex grammar) uses them,
 * computed per code point from Unicode property escapes and cached in a lazily filled table.
 */

/** Word-break class of a code point; small integers so they fit a `Uint8Array` cache. */
export const WordClass = {
  Other: 0,
  ALetter: 1,
  Hebrew: 2,
  Numeric: 3,
  Katakana: 4,
  ExtendNumLet: 5,
  MidLetter: 6,
  MidNum: 7,
  MidNumLet: 8,
  SingleQuote: 9,
  DoubleQuote: 10,
  /** Extend, Format and ZWJ: attach to the preceding character (rule WB4). */
  Extend: 11,
  Ideographic: 12,
  Hiragana: 13,
  /** Complex-context scripts (Thai, Lao, Myanmar, Khmer...): runs form one token. */
  SoutheastAsian: 14,
  Emoji: 15,
  RegionalIndicator: 16,
  /** CR, LF and other line separators: Extend characters never attach after them (WB3a). */
  Newline: 17,
} as const;

/** One of the {@link WordClass} values. */
export type WordClassValue = (typeof WordClass)[keyof typeof WordClass];

const UNKNOWN = 255;
const cache = new Uint8Array(0x110000).fill(UNKNOWN);

const MID_LETTER = new Set([0x3a, 0xb7, 0x387, 0x55f, 0x5f4, 0x2027, 0xfe13, 0xfe55, 0xff1a]);
const MID_NUM = new Set([
  0x2c, 0x3b, 0x37e, 0x589, 0x60c, 0x60d, 0x7f8, 0x2044, 0xfe10, 0xfe14, 0xfe50, 0xfe54, 0xff0c, 0xff1b,
]);
const MID_NUM_LET = new Set([0x2e, 0x2018, 0x2019, 0x2024, 0xfe52, 0xff07, 0xff0e]);
const NEWLINE = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);
const KATAKANA_EXTRA = new Set([
  0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x309b, 0x309c, 0x30a0, 0x30fc, 0xff70,
]);

const EXTEND = /[\p{Mn}\p{Me}\p{Mc}\p{Cf}]/u;
const PC = /\p{Pc}/u;
const HAN = /[\p{Ideographic}\p{Script=Han}]/u;
const HIRAGANA = /\p{Script=Hiragana}/u;
const KATAKANA = /\p{Script=Katakana}/u;
const SOUTHEAST_ASIAN =
  /[\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}]/u;
const HEBREW = /\p{Script=Hebrew}/u;
const DIGIT = /\p{Nd}/u;
const EMOJI = /\p{Emoji_Presentation}/u;
const ALPHABETIC = /\p{Alphabetic}/u;

function computeClass(cp: number): WordClassValue {
  if (NEWLINE.has(cp)) return WordClass.Newline;
  if (cp === 0x27) return WordClass.SingleQuote;
  if (cp === 0x22) return WordClass.DoubleQuote;
  if (MID_LETTER.has(cp)) return WordClass.MidLetter;
  if (MID_NUM.has(cp)) return WordClass.MidNum;
  if (MID_NUM_LET.has(cp)) return WordClass.MidNumLet;
  if (KATAKANA_EXTRA.has(cp)) return WordClass.Katakana;
  if (cp === 0x202f) return WordClass.ExtendNumLet;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return WordClass.RegionalIndicator;
  const ch = String.fromCodePoint(cp);
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return WordClass.Extend; // emoji skin-tone modifiers
  if (cp !== 0x200b && EXTEND.test(ch)) return WordClass.Extend;
  if (PC.test(ch)) return WordClass.ExtendNumLet;
  if (HAN.test(ch)) return WordClass.Ideographic;
  if (HIRAGANA.test(ch)) return WordClass.Hiragana;
  if (KATAKANA.test(ch)) return WordClass.Katakana;
  if (SOUTHEAST_ASIAN.test(ch)) return WordClass.SoutheastAsian;
  if (HEBREW.test(ch) && ALPHABETIC.test(ch)) return WordClass.Hebrew;
  if (DIGIT.test(ch)) return WordClass.Numeric;
  if (EMOJI.test(ch)) return WordClass.Emoji;
  if (ALPHABETIC.test(ch)) return WordClass.ALetter;
  return WordClass.Other;
}

/** The word-break class of code point `cp` (cached after the first call). */
export function wordClass(cp: number): WordClassValue {
  const cached = cache[cp] as number;
  if (cached !== UNKNOWN) return cached as WordClassValue;
  const computed = computeClass(cp);
  cache[cp] = computed;
  return computed;
}
