/**
 * `@retrievekit/encoder`: runtime-agnostic dense (TAS-B), sparse (SPLADE) and cross-encoders over a
 * structural ONNX session type. Pair it with a runtime adapter such as `@retrievekit/encoder-node`.
 *
 * @packageDocumentation
 */

export type { BucketedRunOptions } from './bucketed-run.js';
export { lengthOrder, runBucketed, sliceRows } from './bucketed-run.js';
export type { CrossEncoder, CrossEncoderOptions, CrossScores } from './cross-encoder.js';
export { createCrossEncoder } from './cross-encoder.js';
export type {
  DenseChunk,
  DenseEncoder,
  DenseEncoderOptions,
  DenseEncoding,
  DenseStreamOptions,
} from './dense-encoder.js';
export { createDenseEncoder } from './dense-encoder.js';
export type {
  EncodeCallOptions,
  EncoderCommonOptions,
  TruncationEvent,
  TruncationReport,
} from './encode-options.js';
export { checkIdsInVocabulary, checkModelInputs, checkVocabulary, requireOutput } from './model-inputs.js';
export type { PoolingMode } from './pooling.js';
export { normalizeRows, poolHiddenStates, poolingFromConfig } from './pooling.js';
export type { ScoreMetric } from './scores.js';
export { scoreDense } from './scores.js';
export type { EncoderRuntime, FloatOutput, Int64Input, ModelSession, RuntimeInfo } from './session.js';
export type { SparseEncoder, SparseEncoderOptions, SparseEncoding } from './sparse-encoder.js';
export { createSparseEncoder, sparsify } from './sparse-encoder.js';
export { streamWindows } from './stream-windows.js';
