/**
 * `@retrievekit/models`: run the seed checkpoints without Python. ONNX writer and reader, DistilBERT/BERT
 * graph builders with dense, SPLADE and cross-encoder heads, safetensors and PyTorch checkpoint readers,
 * tokenizer.json synthesis from vocab.txt, and hub download.
 *
 * @packageDocumentation
 */

export * from './checkpoint/index.js';
export * from './graph/index.js';
export * from './hub/index.js';
export * from './onnx/index.js';
export * from './precision/index.js';
export * from './tokenizer-json/index.js';
