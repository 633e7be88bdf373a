import { RetrievekitError } from '@retrievekit/core';
import { parseVocab } from './parse-vocab.js';
import type { AddedTokenJson, BertTokenizerJson } from './tokenizer-json-types.js';

/** Inputs of {@link synthesizeTokenizerJson}: the files a slow-tokenizer BERT repository ships. */
export interface TokenizerSources {
  /** Contents of `vocab.txt`. */
  vocab: string;
  /** Parsed `tokenizer_config.json` (`do_lower_case`, `strip_accents`, `tokenize_chinese_chars`, special tokens). */
  tokenizerConfig?: Record<string, unknown>;
  /** Parsed `special_tokens_map.json`; its entries override the config's. */
  specialTokensMap?: Record<string, unknown>;
}

const ROLES = ['unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'] as const;
type Role = (typeof ROLES)[number];
const DEFAULTS: Record<Role, string> = {
  unk_token: '[UNK]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  cls_token: '[CLS]',
  mask_token: '[MASK]',
};

/** A special token given as a string or as a serialised `AddedToken` (`{ content: "[CLS]", ... }`). */
function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { content?: unknown }).content === 'string'
  ) {
    return (value as { content: string }).content;
  }
  return undefined;
}

function flag(config: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = config[key];
  return typeof value === 'boolean' ? value : fallback;
}

/**
 * Builds the `tokenizer.json` that `transformers`' `BertConverter` writes for a `BertTokenizer` /
 * `DistilBertTokenizer` repository that ships only `vocab.txt` (+ `tokenizer_config.json`,
 * `special_tokens_map.json`): BertNormalizer (clean_text, handle_chinese_chars, strip_accents — `null`
 * follows lowercase —, lowercase), BertPreTokenizer, WordPiece (`##`, 100 chars max per word, unk),
 * TemplateProcessing `[CLS] $A [SEP]` / `[CLS] $A [SEP] $B:1 [SEP]:1`, WordPiece decoder.
 *
 * @example
 * ```ts
 * const json = synthesizeTokenizerJson({ vocab: await readFile('vocab.txt', 'utf8'), tokenizerConfig });
 * const tokenizer = new Tokenizer(json, tokenizerConfig); // @huggingface/tokenizers
 * ```
 * @throws `NOT_FOUND` when a special token is not in the vocabulary
 */
export function synthesizeTokenizerJson(sources: TokenizerSources): BertTokenizerJson {
  const config = sources.tokenizerConfig ?? {};
  const vocab = parseVocab(sources.vocab);
  const special = {} as Record<Role, string>;
  for (const role of ROLES) {
    special[role] = tokenText(sources.specialTokensMap?.[role]) ?? tokenText(config[role]) ?? DEFAULTS[role];
  }
  const idOf = (token: string, field: string): number => {
    const id = vocab.get(token);
    if (id === undefined) {
      throw new RetrievekitError(
        'NOT_FOUND',
        `special token ${JSON.stringify(token)} is not in the vocabulary`,
        {
          where: { file: 'vocab.txt', field },
          hint: 'the tokenizer_config.json / special_tokens_map.json do not belong to this vocab.txt',
        },
      );
    }
    return id;
  };
  const extra = sources.specialTokensMap?.additional_special_tokens ?? config.additional_special_tokens;
  const specials = new Map<string, number>();
  for (const role of ROLES) specials.set(special[role], idOf(special[role], role));
  if (Array.isArray(extra)) {
    for (const token of extra.map(tokenText))
      if (token !== undefined) specials.set(token, idOf(token, 'additional_special_tokens'));
  }
  const addedTokens: AddedTokenJson[] = [...specials]
    .sort((a, b) => a[1] - b[1])
    .map(([content, id]) => ({
      id,
      special: true,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
    }));

  const lowercase = flag(config, 'do_lower_case', true);
  const stripAccents = config.strip_accents;
  const cls = special.cls_token;
  const sep = special.sep_token;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: flag(config, 'tokenize_chinese_chars', true),
      strip_accents: typeof stripAccents === 'boolean' ? stripAccents : null,
      lowercase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: cls, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: sep, type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: cls, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: sep, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: sep, type_id: 1 } },
      ],
      special_tokens: {
        [cls]: { id: cls, ids: [idOf(cls, 'cls_token')], tokens: [cls] },
        [sep]: { id: sep, ids: [idOf(sep, 'sep_token')], tokens: [sep] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: special.unk_token,
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
}
