/** Builds a complete DistilBERT / BERT ONNX model with one of three heads from a Hugging Face weight map. */
import { RetrievekitError } from '@retrievekit/core';
import type { OnnxModel } from '../onnx/onnx-types.js';
import type { WeightPrecision } from '../precision/linear.js';
import { buildEncoder } from './encoder.js';
import { GraphBuilder } from './graph-builder.js';
import { classifierHead, type PoolingMode, poolEmbedding, spladeHead } from './heads.js';
import { type TransformerConfig, validateConfig } from './transformer-config.js';
import { WeightLookup } from './weight-lookup.js';
import type { WeightMap } from './weights.js';

/** Which head to put on the encoder. */
export type ModelHead =
  | { kind: 'embedding'; pooling: PoolingMode; normalize: boolean }
  | { kind: 'splade' }
  | { kind: 'classifier' };

/** Options of {@link buildTransformerModel}. */
export interface BuildTransformerOptions {
  /** Architecture hyper-parameters. */
  config: TransformerConfig;
  /** Parameters keyed by HF names (with or without the `distilbert.` / `bert.` prefix). */
  weights: WeightMap;
  /** The head. */
  head: ModelHead;
  /**
   * Emit onnxruntime contrib ops (com.microsoft Attention, SkipLayerNormalization, BiasGelu).
   * Default false: plain ai.onnx opset 17, which every ONNX runtime (onnxruntime-node and -web) runs.
   */
  fused?: boolean;
  /** Weight storage precision. Default `'fp32'`. */
  precision?: WeightPrecision;
}

/**
 * Builds the ONNX model. Inputs: `input_ids`, `attention_mask` (int64 `[batch, sequence]`) and, for BERT,
 * `token_type_ids`. Outputs by head: `last_hidden_state` `[batch, sequence, H]` + `sentence_embedding`
 * `[batch, H]`; `sparse_embedding` `[batch, V]`; or `logits` `[batch, numLabels]`.
 *
 * @example
 * ```ts
 * const weights = randomWeights(tinyDistilBertConfig, 42);
 * const model = buildTransformerModel({
 *   config: tinyDistilBertConfig, weights, head: { kind: 'embedding', pooling: 'cls', normalize: false },
 * });
 * const bytes = serializeModel(model); // InferenceSession.create(bytes)
 * ```
 */
export function buildTransformerModel(options: BuildTransformerOptions): OnnxModel {
  const { config, weights, head } = options;
  validateConfig(config);
  const fused = options.fused ?? false;
  const precision = options.precision ?? 'fp32';
  const lookup = new WeightLookup(weights, config);
  const b = new GraphBuilder();
  const dims = ['batch', 'sequence'];
  const inputIds = b.input('input_ids', 'int64', dims);
  const attentionMask = b.input('attention_mask', 'int64', dims);
  const tokenTypeIds = config.architecture === 'bert' ? b.input('token_type_ids', 'int64', dims) : undefined;
  const enc = buildEncoder(
    b,
    lookup,
    config,
    { inputIds, attentionMask, tokenTypeIds },
    { fused, precision },
  );
  const h = config.hiddenSize;
  if (head.kind === 'embedding') {
    b.output(enc.hidden, 'last_hidden_state', 'float', ['batch', 'sequence', h]);
    b.output(poolEmbedding(b, enc, head.pooling, head.normalize), 'sentence_embedding', 'float', [
      'batch',
      h,
    ]);
  } else if (head.kind === 'splade') {
    b.output(spladeHead(b, lookup, config, enc, precision), 'sparse_embedding', 'float', [
      'batch',
      config.vocabSize,
    ]);
  } else {
    const shape = lookup.shapeOf('classifier.weight', false);
    const numLabels = shape?.[0];
    if (numLabels === undefined) {
      throw new RetrievekitError('NOT_FOUND', 'weight "classifier.weight" is missing', {
        where: { field: 'classifier.weight' },
        hint: 'a classifier head needs a sequence-classification checkpoint',
      });
    }
    b.output(classifierHead(b, lookup, config, enc, precision, numLabels), 'logits', 'float', [
      'batch',
      numLabels,
    ]);
  }
  return b.build({
    graphName: `${config.architecture}-${head.kind}`,
    metadata: {
      'retrievekit.config': JSON.stringify(config),
      'retrievekit.head': JSON.stringify(head),
      'retrievekit.fused': String(fused),
      'retrievekit.precision': precision,
    },
  });
}
