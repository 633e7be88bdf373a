/** The subset of Hugging Face's `tokenizer.json` schema that a BERT WordPiece tokenizer uses. */

/** One entry of `added_tokens`. */
export interface AddedTokenJson {
  id: number;
  special: boolean;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
}

/** A `TemplateProcessing` piece: a special token or the A/B sequence, with its token type id. */
export type TemplatePieceJson =
  | { SpecialToken: { id: string; type_id: number } }
  | { Sequence: { id: 'A' | 'B'; type_id: number } };

/** A WordPiece `tokenizer.json` as `tokenizers` (Rust) writes it for `BertTokenizerFast`. */
export interface BertTokenizerJson {
  version: '1.0';
  truncation: null;
  padding: null;
  added_tokens: AddedTokenJson[];
  normalizer: {
    type: 'BertNormalizer';
    clean_text: boolean;
    handle_chinese_chars: boolean;
    strip_accents: boolean | null;
    lowercase: boolean;
  };
  pre_tokenizer: { type: 'BertPreTokenizer' };
  post_processor: {
    type: 'TemplateProcessing';
    single: TemplatePieceJson[];
    pair: TemplatePieceJson[];
    special_tokens: Record<string, { id: string; ids: number[]; tokens: string[] }>;
  };
  decoder: { type: 'WordPiece'; prefix: string; cleanup: boolean };
  model: {
    type: 'WordPiece';
    unk_token: string;
    continuing_subword_prefix: string;
    max_input_chars_per_word: number;
    vocab: Record<string, number>;
  };
}
