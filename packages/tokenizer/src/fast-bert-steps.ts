/**
 * BERT's normalizer and pre-tokenizer as `@huggingface/tokenizers` 0.2.0 computes them (same output, except
 * supplementary-plane CJK ideographs, which follow the Rust tokenizers), with whole-string regular
 * expressions instead of per-character tests and an ASCII shortcut.
 */

/** The BertNormalizer options of tokenizer.json. */
export interface BertNormalizerConfig {
  clean_text?: boolean;
  handle_chinese_chars?: boolean;
  strip_accents?: boolean | null;
  lowercase?: boolean;
}

// Characters BERT's clean_text removes: NUL, U+FFFD and control / format / private-use / surrogate code
// points other than tab, newline and carriage return.
const REMOVED = /[\0\ufffd]|(?![\t\n\r])[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
const WHITESPACE = /\s/g;
// The CJK ideograph blocks BERT pads with spaces, as the Rust tokenizers (and Google's BERT) define them.
// `@huggingface/tokenizers` 0.2.0 tests UTF-16 units and so misses the supplementary-plane blocks
// (U+20000...): there it leaves "a\u{20000}b" one word ([UNK]); Rust and this fast path give a, [UNK], b.
const CJK =
  /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2a6df}\u{2a700}-\u{2b73f}\u{2b740}-\u{2b81f}\u{2b920}-\u{2ceaf}\u{2f800}-\u{2fa1f}]/gu;
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARK = /\p{Mn}/gu;

/** Returns BERT's normalizer for `config`: clean, pad CJK, lowercase, strip accents (NFD minus Mn). */
export function bertNormalizer(config: BertNormalizerConfig): (text: string) => string {
  const clean = config.clean_text === true;
  const cjk = config.handle_chinese_chars === true;
  const lowercase = config.lowercase === true;
  const strip = lowercase ? config.strip_accents !== false : config.strip_accents === true;
  return (input) => {
    let text = input;
    const ascii = !NON_ASCII.test(text);
    if (clean) text = text.replace(REMOVED, '').replace(WHITESPACE, ' ');
    if (cjk && !ascii) text = text.replace(CJK, ' $& ');
    if (lowercase) text = text.toLowerCase();
    if (strip && !ascii) text = text.normalize('NFD').replace(COMBINING_MARK, '');
    return text;
  };
}

// The library's BERT punctuation: \p{P} plus every ASCII symbol.
const WORD_OR_PUNCT =
  /[^\s\p{P}\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e]+|[\p{P}\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e]/gu;
const ASCII_WORD_OR_PUNCT =
  /[^\s\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e]+|[\u0021-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e]/g;

/** BERT's pre-tokenizer: words split at whitespace, every punctuation character a word of its own. */
export function bertPreTokenize(text: string): string[] {
  const trimmed = text.trim();
  return trimmed.match(NON_ASCII.test(trimmed) ? WORD_OR_PUNCT : ASCII_WORD_OR_PUNCT) ?? [];
}
