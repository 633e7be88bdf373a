/** Seeded random weights in Hugging Face naming, initialised like HF (`normal(0, 0.02)`, LayerNorm 1 / 0). */
import type { LongTaskOptions } from '@retrievekit/core';
import { seededRandom, throwIfAborted } from '@retrievekit/core';
import { embeddingNames, layerNames, mlmHeadNames } from './layer-names.js';
import { fillNormal } from './seeded-random.js';
import { type TransformerConfig, validateConfig } from './transformer-config.js';
import type { WeightMap } from './weights.js';

/** Options of {@link randomWeights}. */
export interface RandomWeightsOptions extends LongTaskOptions {
  /** Std of weight matrices and embeddings. Default 0.02 (HF `initializer_range`). */
  std?: number;
  /** Std of biases around 0. Default 0 (HF init); tests use a non-zero value so biases matter. */
  biasStd?: number;
  /** Std of LayerNorm gamma around 1 and beta around 0. Default 0 (HF init). */
  layerNormStd?: number;
  /** Classifier outputs. Default 1 (a cross-encoder relevance score). */
  numLabels?: number;
  /** Prefix encoder names with `distilbert.` / `bert.` (as task checkpoints do). Default true. */
  prefix?: boolean;
}

/**
 * Random parameters for the encoder, the MLM head and the classification head of `config`.
 *
 * @example
 * ```ts
 * const weights = randomWeights(tasbDistilBertConfig, 7); // ~66M parameters, ~265 MB
 * ```
 */
export function randomWeights(
  config: TransformerConfig,
  seed: number,
  options: RandomWeightsOptions = {},
): WeightMap {
  validateConfig(config);
  const uniform = seededRandom(seed);
  const std = options.std ?? 0.02;
  const biasStd = options.biasStd ?? 0;
  const normStd = options.layerNormStd ?? 0;
  const prefix = options.prefix === false ? '' : `${config.architecture}.`;
  const h = config.hiddenSize;
  const weights: WeightMap = new Map();
  const tensor = (name: string, shape: number[], mean: number, sd: number) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (sd > 0) fillNormal(data, uniform, mean, sd);
    else data.fill(mean);
    weights.set(name, { dtype: 'float32', shape, data });
  };
  const linear = (module: string, inDim: number, outDim: number) => {
    tensor(`${module}.weight`, [outDim, inDim], 0, std);
    tensor(`${module}.bias`, [outDim], 0, biasStd);
  };
  const norm = (module: string) => {
    tensor(`${module}.weight`, [h], 1, normStd);
    tensor(`${module}.bias`, [h], 0, normStd);
  };
  tensor(`${prefix}${embeddingNames.word}`, [config.vocabSize, h], 0, std);
  tensor(`${prefix}${embeddingNames.position}`, [config.maxPositions, h], 0, std);
  if (config.architecture === 'bert')
    tensor(`${prefix}${embeddingNames.tokenType}`, [config.typeVocabSize, h], 0, std);
  norm(`${prefix}${embeddingNames.norm}`);
  for (let i = 0; i < config.numLayers; i++) {
    throwIfAborted(options.signal, 'random weight generation');
    const n = layerNames(config, i);
    for (const m of [n.query, n.key, n.value, n.attentionOutput]) linear(`${prefix}${m}`, h, h);
    norm(`${prefix}${n.attentionNorm}`);
    linear(`${prefix}${n.ffnIn}`, h, config.intermediateSize);
    linear(`${prefix}${n.ffnOut}`, config.intermediateSize, h);
    norm(`${prefix}${n.outputNorm}`);
    options.onProgress?.({ done: i + 1, total: config.numLayers, unit: 'layers' });
  }
  const mlm = mlmHeadNames(config);
  linear(mlm.transform, h, h);
  norm(mlm.norm);
  tensor(mlm.decoderBias[0] ?? 'decoder.bias', [config.vocabSize], 0, biasStd);
  const numLabels = options.numLabels ?? 1;
  if (config.architecture === 'bert') linear(`${prefix}pooler.dense`, h, h);
  else linear('pre_classifier', h, h);
  linear('classifier', h, numLabels);
  return weights;
}
