/**
 * Whether a tokenizer.json lets a long text be tokenised from a prefix: the prefix must end where no
 * normalizer or pre-tokenizer step can join characters across the cut, so that the prefix's tokens are
 * exactly the first tokens of the whole text.
 *
 * Safe cut points: just before an ASCII whitespace character (space, tab, newline, carriage return),
 * and, when a BertNormalizer pads CJK ideographs with spaces, just before a BMP CJK ideograph. Only
 * normalizers that act on single characters or canonical sequences (BertNormalizer, Lowercase, NFC/NFD/
 * NFKC/NFKD, StripAccents) and pre-tokenizers that split at whitespace (BertPreTokenizer, Whitespace,
 * WhitespaceSplit, Punctuation, Digits) qualify; anything else (Replace, Precompiled, Metaspace,
 * ByteLevel, Split with a pattern, ...) falls back to tokenising the whole text.
 */
export interface PrefixSafety {
  /** True when prefix tokenisation gives the same ids as full tokenisation. */
  readonly safe: boolean;
  /** True when cuts may also fall just before a CJK ideograph. */
  readonly cjkCuts: boolean;
  /** Why prefix tokenisation is off, when it is. */
  readonly reason?: string;
}

type Json = Record<string, unknown>;

const SAFE_NORMALIZERS = new Set([
  'BertNormalizer',
  'Lowercase',
  'NFC',
  'NFD',
  'NFKC',
  'NFKD',
  'StripAccents',
]);
const SAFE_PRE_TOKENIZERS = new Set([
  'BertPreTokenizer',
  'Whitespace',
  'WhitespaceSplit',
  'Punctuation',
  'Digits',
]);

const WHITESPACE_SPLITTERS = new Set(['BertPreTokenizer', 'Whitespace', 'WhitespaceSplit']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens `Sequence` steps; returns undefined when a step is malformed. */
function steps(step: unknown, listKey: string): Json[] | undefined {
  if (step === null || step === undefined) return [];
  if (!isObject(step)) return undefined;
  if (step.type !== 'Sequence') return [step];
  const list = step[listKey];
  if (!Array.isArray(list)) return undefined;
  const out: Json[] = [];
  for (const inner of list) {
    const flat = steps(inner, listKey);
    if (flat === undefined) return undefined;
    out.push(...flat);
  }
  return out;
}

const WHITESPACE_OR_CJK = /[\s\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Decides whether prefix tokenisation is exact for this tokenizer.json. */
export function analysePrefixSafety(tokenizerJson: Json): PrefixSafety {
  const normalizers = steps(tokenizerJson.normalizer, 'normalizers');
  if (normalizers === undefined) return { safe: false, cjkCuts: false, reason: 'malformed normalizer' };
  for (const step of normalizers) {
    if (!SAFE_NORMALIZERS.has(String(step.type))) {
      return { safe: false, cjkCuts: false, reason: `normalizer ${String(step.type)}` };
    }
  }
  const preTokenizers = steps(tokenizerJson.pre_tokenizer, 'pretokenizers');
  if (preTokenizers === undefined || preTokenizers.length === 0) {
    return { safe: false, cjkCuts: false, reason: 'no whitespace-splitting pre-tokenizer' };
  }
  for (const step of preTokenizers) {
    if (!SAFE_PRE_TOKENIZERS.has(String(step.type))) {
      return { safe: false, cjkCuts: false, reason: `pre-tokenizer ${String(step.type)}` };
    }
  }
  if (!preTokenizers.some((step) => WHITESPACE_SPLITTERS.has(String(step.type)))) {
    return { safe: false, cjkCuts: false, reason: 'no pre-tokenizer splits at whitespace' };
  }
  const addedTokens = Array.isArray(tokenizerJson.added_tokens) ? tokenizerJson.added_tokens : [];
  for (const token of addedTokens) {
    if (isObject(token) && typeof token.content === 'string' && WHITESPACE_OR_CJK.test(token.content)) {
      return { safe: false, cjkCuts: false, reason: `added token ${JSON.stringify(token.content)}` };
    }
  }
  const cjkCuts = normalizers.some(
    (step) => step.type === 'BertNormalizer' && step.handle_chinese_chars === true,
  );
  return { safe: true, cjkCuts };
}

function isCutChar(code: number, cjkCuts: boolean): boolean {
  if (code === 32 || code === 9 || code === 10 || code === 13) return true;
  if (!cjkCuts) return false;
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}

/**
 * The smallest safe cut index `>= from` (the prefix is `text.slice(0, index)`), or -1 when the text has
 * no safe cut point at or after `from`.
 */
export function findSafeCut(text: string, from: number, cjkCuts: boolean): number {
  for (let i = Math.max(1, from); i < text.length; i++) {
    if (isCutChar(text.charCodeAt(i), cjkCuts)) return i;
  }
  return -1;
}
