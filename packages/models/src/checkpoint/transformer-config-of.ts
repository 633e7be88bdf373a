import type { TransformerConfig } from '../graph/transformer-config.js';
import type { ModelConfig } from './model-config.js';

/**
 * The graph builders' {@link TransformerConfig} of a checkpoint's config, so that
 * `buildTransformerModel({ config: transformerConfigOf(checkpoint.config), weights: checkpoint.weights, head })`
 * converts a checkpoint to ONNX.
 */
export function transformerConfigOf(config: ModelConfig): TransformerConfig {
  return {
    architecture: config.modelType,
    vocabSize: config.vocabSize,
    hiddenSize: config.hiddenSize,
    numLayers: config.numLayers,
    numHeads: config.numHeads,
    intermediateSize: config.intermediateSize,
    maxPositions: config.maxPositions,
    typeVocabSize: config.typeVocabSize,
    layerNormEps: config.layerNormEps,
  };
}
