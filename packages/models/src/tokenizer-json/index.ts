export { parseVocab } from './parse-vocab.js';
export type { TokenizerSources } from './synthesize.js';
export { synthesizeTokenizerJson } from './synthesize.js';
export type { AddedTokenJson, BertTokenizerJson, TemplatePieceJson } from './tokenizer-json-types.js';
export { ensureTokenizerJson } from './write-tokenizer-json.js';
