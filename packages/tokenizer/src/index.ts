/**
 * `@retrievekit/tokenizer`: batch tokenisation to int64 typed arrays for ONNX transformers, on top of
 * `@huggingface/tokenizers`: HF-exact truncation (single and longest-first pairs), dynamic padding,
 * length bucketing, and prefix tokenisation of very long texts.
 *
 * @packageDocumentation
 */

export type { LengthBuckets } from './bucket-by-length.js';
export { restoreOrder } from './bucket-by-length.js';
export type { CreateTokenizerOptions, RetrievekitTokenizer } from './create-tokenizer.js';
export { createTokenizer } from './create-tokenizer.js';
export type { EncodeBatchOptions } from './encode-options.js';
export type { EncodedBatch } from './encoded-batch.js';
export { loadTokenizer } from './load-tokenizer.js';
export { longestFirstLengths } from './longest-first.js';
export type { PrefixSafety } from './prefix-safety.js';
export { analysePrefixSafety } from './prefix-safety.js';
export type { SpecialTemplate, TemplatePiece } from './special-template.js';
export { readSpecialTemplate } from './special-template.js';
export { passageText, toWellFormed } from './text-input.js';
