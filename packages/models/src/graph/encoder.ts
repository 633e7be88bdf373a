/** Embeddings plus the stack of encoder layers: `input_ids` (+ `token_type_ids`) to `[B, L, H]` states. */
import type { WeightPrecision } from '../precision/linear.js';
import { emitFloatTable } from '../precision/linear.js';
import { encoderLayer } from './encoder-layer.js';
import type { GraphBuilder } from './graph-builder.js';
import { embeddingNames } from './layer-names.js';
import type { TransformerConfig } from './transformer-config.js';
import type { WeightLookup } from './weight-lookup.js';

/** What the encoder produced, for the heads. */
export interface EncoderOutputs {
  /** Final hidden states `[B, L, H]`. */
  hidden: string;
  /** The attention mask as float `[B, L]`. */
  maskFloat: string;
  /** Float32 word embedding table `[V, H]` (for a tied MLM decoder). */
  wordEmbeddings: string;
}

/** Emits the encoder. `tokenTypeIds` is required for BERT and ignored for DistilBERT. */
export function buildEncoder(
  b: GraphBuilder,
  lookup: WeightLookup,
  config: TransformerConfig,
  inputs: { inputIds: string; attentionMask: string; tokenTypeIds?: string },
  options: { fused: boolean; precision: WeightPrecision },
): EncoderOutputs {
  const h = config.hiddenSize;
  const tablePrecision = options.precision === 'fp16' ? 'fp16' : 'fp32';
  const table = (name: string, rows: number): string => {
    const w = lookup.get(name, [rows, h]);
    return emitFloatTable(b, w.name, w.data, [rows, h], tablePrecision);
  };
  const wordEmbeddings = table(embeddingNames.word, config.vocabSize);
  const positions = table(embeddingNames.position, config.maxPositions);
  const sequenceLength = b.op('Slice', [
    b.op('Shape', [inputs.inputIds]),
    b.constInt64([1]),
    b.constInt64([2]),
  ]);
  const positionSlice = b.op('Slice', [positions, b.constInt64([0]), sequenceLength, b.constInt64([0])]);
  let sum = b.add(b.gather(wordEmbeddings, inputs.inputIds), positionSlice);
  if (config.architecture === 'bert' && inputs.tokenTypeIds !== undefined) {
    const types = table(embeddingNames.tokenType, config.typeVocabSize);
    sum = b.add(sum, b.gather(types, inputs.tokenTypeIds));
  }
  const gamma = lookup.get(`${embeddingNames.norm}.weight`, [h]);
  const beta = lookup.get(`${embeddingNames.norm}.bias`, [h]);
  let hidden = b.layerNorm(
    sum,
    b.initializer({ name: gamma.name, elementType: 'float', dims: [h], data: gamma.data }),
    b.initializer({ name: beta.name, elementType: 'float', dims: [h], data: beta.data }),
    config.layerNormEps,
  );
  const maskFloat = b.cast(inputs.attentionMask, 'float');
  const maskBias = options.fused
    ? ''
    : b.unsqueeze(b.mul(b.sub(maskFloat, b.constFloat([1], [])), b.constFloat([1e9], [])), [1, 2]);
  const maskInt32 = options.fused ? b.cast(inputs.attentionMask, 'int32') : '';
  const ctx = { b, lookup, config, precision: options.precision, maskBias, maskInt32 };
  for (let i = 0; i < config.numLayers; i++) hidden = encoderLayer(ctx, hidden, i, options.fused);
  return { hidden, maskFloat, wordEmbeddings };
}
