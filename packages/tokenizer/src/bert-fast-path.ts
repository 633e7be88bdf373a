import type { BertNormalizerConfig } from './fast-bert-steps.js';
import { bertNormalizer, bertPreTokenize } from './fast-bert-steps.js';
import type { WordPieceConfig } from './word-piece-ids.js';
import { WordPieceIds } from './word-piece-ids.js';

type Json = Record<string, unknown>;

/** Content ids (no special tokens) of a text. */
export type ContentIds = (text: string) => number[];

function typeOf(section: unknown): unknown {
  return typeof section === 'object' && section !== null ? (section as Json).type : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A fast content-id encoder for the classic BERT pipeline (BertNormalizer + BertPreTokenizer + WordPiece,
 * added tokens matched verbatim), giving the same ids as `@huggingface/tokenizers`' `encode(text,
 * { add_special_tokens: false })`. Returns undefined for any other pipeline (or options the fast path
 * does not model: added tokens with lstrip / rstrip / single_word / normalized, `remove_space`,
 * `do_lowercase_and_remove_accent`), which then runs through the library unchanged.
 */
export function createBertFastPath(tokenizerJson: Json, tokenizerConfig: Json): ContentIds | undefined {
  if (
    typeOf(tokenizerJson.normalizer) !== 'BertNormalizer' ||
    typeOf(tokenizerJson.pre_tokenizer) !== 'BertPreTokenizer' ||
    typeOf(tokenizerJson.model) !== 'WordPiece' ||
    tokenizerConfig.remove_space === true ||
    tokenizerConfig.do_lowercase_and_remove_accent === true
  ) {
    return undefined;
  }
  const added = new Map<string, number>();
  for (const token of Array.isArray(tokenizerJson.added_tokens) ? tokenizerJson.added_tokens : []) {
    const { content, id, lstrip, rstrip, single_word, normalized } = token as Json;
    if (typeof content !== 'string' || content.length === 0 || typeof id !== 'number') return undefined;
    if (lstrip === true || rstrip === true || single_word === true || normalized === true) return undefined;
    added.set(content, id);
  }
  const normalize = bertNormalizer(tokenizerJson.normalizer as BertNormalizerConfig);
  const wordPiece = new WordPieceIds(tokenizerJson.model as WordPieceConfig, added);
  const encodeSection = (section: string, out: number[]): void => {
    const words = bertPreTokenize(normalize(section));
    for (let w = 0; w < words.length; w++) wordPiece.push(words[w] as string, out);
  };
  if (added.size === 0) {
    return (text) => {
      const out: number[] = [];
      encodeSection(text, out);
      return out;
    };
  }
  // Leftmost-longest matching of added tokens, like the library's trie splitter and Rust's aho-corasick.
  const contents = [...added.keys()].sort((a, b) => b.length - a.length);
  const splitter = new RegExp(contents.map(escapeRegExp).join('|'), 'g');
  const firstChars = new Set(contents.map((content) => content.charAt(0)));
  const mayContainAdded = (text: string): boolean => {
    for (const char of firstChars) if (text.includes(char)) return true;
    return false;
  };
  return (text) => {
    const out: number[] = [];
    if (!mayContainAdded(text)) {
      encodeSection(text, out);
      return out;
    }
    let start = 0;
    for (const match of text.matchAll(splitter)) {
      if (match.index > start) encodeSection(text.slice(start, match.index), out);
      out.push(added.get(match[0]) as number);
      start = match.index + match[0].length;
    }
    if (start < text.length) encodeSection(text.slice(start), out);
    return out;
  };
}
