import type { Tokenizer } from '@huggingface/tokenizers';

type Json = Record<string, unknown>;

/** HF writes `int(1e30)` for "no limit"; anything this large means unknown. */
const NO_LIMIT = 1e9;

/** The model's `model_max_length` from tokenizer_config.json, or tokenizer.json's truncation; undefined if none. */
export function readModelMaxLength(tokenizerJson: Json, tokenizerConfig: Json): number | undefined {
  const fromConfig = tokenizerConfig.model_max_length;
  if (
    typeof fromConfig === 'number' &&
    Number.isInteger(fromConfig) &&
    fromConfig > 0 &&
    fromConfig < NO_LIMIT
  ) {
    return fromConfig;
  }
  const truncation = tokenizerJson.truncation;
  if (typeof truncation === 'object' && truncation !== null) {
    const maxLength = (truncation as Json).max_length;
    if (typeof maxLength === 'number' && Number.isInteger(maxLength) && maxLength > 0) return maxLength;
  }
  return undefined;
}

/** The pad token's id: tokenizer_config's `pad_token`, else tokenizer.json's padding section, else 0. */
export function readPadTokenId(tokenizer: Tokenizer, tokenizerJson: Json, tokenizerConfig: Json): number {
  const padToken = tokenizerConfig.pad_token;
  const content =
    typeof padToken === 'string'
      ? padToken
      : typeof padToken === 'object' && padToken !== null
        ? (padToken as Json).content
        : undefined;
  if (typeof content === 'string') {
    const id = tokenizer.token_to_id(content);
    if (id !== undefined) return id;
  }
  const padding = tokenizerJson.padding;
  if (typeof padding === 'object' && padding !== null) {
    const id = (padding as Json).pad_id;
    if (typeof id === 'number' && Number.isInteger(id)) return id;
  }
  return 0;
}

/** One more than the largest token id, added tokens included: every id the tokenizer emits is below it. */
export function readVocabSize(tokenizer: Tokenizer): number {
  let largest = -1;
  for (const id of tokenizer.get_vocab(true).values()) if (id > largest) largest = id;
  return largest + 1;
}
