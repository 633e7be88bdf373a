/** Model heads on top of the encoder: pooled embeddings, SPLADE max pooling, sequence classification. */
import type { WeightPrecision } from '../precision/linear.js';
import { emitLinear } from '../precision/linear.js';
import type { EncoderOutputs } from './encoder.js';
import type { GraphBuilder } from './graph-builder.js';
import { mlmHeadNames } from './layer-names.js';
import { linear, readLinear } from './linear-weights.js';
import type { TransformerConfig } from './transformer-config.js';
import type { WeightLookup } from './weight-lookup.js';

/** How token states become one vector: first token, mean or max over the attention mask. */
export type PoolingMode = 'cls' | 'mean' | 'max';

/** Pools `[B, L, H]` to `[B, H]` and optionally L2-normalises (norm clamped at 1e-12, like torch). */
export function poolEmbedding(
  b: GraphBuilder,
  enc: EncoderOutputs,
  mode: PoolingMode,
  normalize: boolean,
): string {
  const mask3 = b.unsqueeze(enc.maskFloat, [2]);
  let pooled: string;
  if (mode === 'cls') {
    pooled = b.gather(enc.hidden, b.constInt64([0], []), 1);
  } else if (mode === 'mean') {
    const total = b.reduceSum(b.mul(enc.hidden, mask3), [1], false);
    const count = b.max(b.reduceSum(mask3, [1], false), b.constFloat([1e-9], []));
    pooled = b.div(total, count);
  } else {
    const keep = b.cast(mask3, 'bool');
    pooled = b.reduceMax(b.op('Where', [keep, enc.hidden, b.constFloat([-1e9], [])]), [1], false);
  }
  if (!normalize) return pooled;
  const norm = b.unary('Sqrt', b.reduceSum(b.mul(pooled, pooled), [1], true));
  return b.div(pooled, b.max(norm, b.constFloat([1e-12], [])));
}

/**
 * MLM head then SPLADE pooling: `max_l log(1 + relu(logits[b, l, v])) * mask[b, l]`, output `[B, V]`.
 * The decoder is tied to the word embeddings unless the checkpoint carries its own decoder weight.
 */
export function spladeHead(
  b: GraphBuilder,
  lookup: WeightLookup,
  config: TransformerConfig,
  enc: EncoderOutputs,
  precision: WeightPrecision,
): string {
  const h = config.hiddenSize;
  const v = config.vocabSize;
  const names = mlmHeadNames(config);
  const transform = readLinear(lookup, names.transform, h, h, false);
  const normGamma = lookup.get(`${names.norm}.weight`, [h], false);
  const normBeta = lookup.get(`${names.norm}.bias`, [h], false);
  const biasName = names.decoderBias.find((n) => lookup.has(n, false)) ?? names.decoderBias[0] ?? '';
  const decoderBias = lookup.get(biasName, [v], false);
  const t = b.layerNorm(
    b.gelu(linear(b, enc.hidden, transform, precision)),
    b.initializer({ name: normGamma.name, elementType: 'float', dims: [h], data: normGamma.data }),
    b.initializer({ name: normBeta.name, elementType: 'float', dims: [h], data: normBeta.data }),
    config.layerNormEps,
  );
  let logits: string;
  const ownDecoder = lookup.has(names.decoderWeight, false);
  if (precision === 'int8' || ownDecoder) {
    const w = ownDecoder
      ? lookup.get(names.decoderWeight, [v, h], false)
      : lookup.get('embeddings.word_embeddings.weight', [v, h]);
    logits = emitLinear(b, t, 'mlm_decoder', w.data, h, v, decoderBias.data, precision);
  } else {
    const bias = b.initializer({
      name: decoderBias.name,
      elementType: 'float',
      dims: [v],
      data: decoderBias.data,
    });
    logits = b.add(b.matmul(t, b.transpose(enc.wordEmbeddings, [1, 0])), bias);
  }
  const activated = b.unary('Log', b.add(b.unary('Relu', logits), b.constFloat([1], [])));
  return b.reduceMax(b.mul(activated, b.unsqueeze(enc.maskFloat, [2])), [1], false);
}

/**
 * Sequence classification on the first token. DistilBERT: `pre_classifier` + ReLU + `classifier`;
 * BERT: pooler dense + tanh + `classifier`. Returns `[B, numLabels]` logits and the label count.
 */
export function classifierHead(
  b: GraphBuilder,
  lookup: WeightLookup,
  config: TransformerConfig,
  enc: EncoderOutputs,
  precision: WeightPrecision,
  numLabels: number,
): string {
  const h = config.hiddenSize;
  const first = b.gather(enc.hidden, b.constInt64([0], []), 1);
  const pooled =
    config.architecture === 'distilbert'
      ? b.unary('Relu', linear(b, first, readLinear(lookup, 'pre_classifier', h, h, false), precision))
      : b.unary('Tanh', linear(b, first, readLinear(lookup, 'pooler.dense', h, h), precision));
  return linear(b, pooled, readLinear(lookup, 'classifier', h, numLabels, false), precision);
}
