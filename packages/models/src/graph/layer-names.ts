/** Hugging Face parameter names of DistilBERT and BERT, relative to the model prefix. */
import type { TransformerConfig } from './transformer-config.js';

/** Names (without `.weight` / `.bias`) of one encoder layer's modules. */
export interface LayerNames {
  /** Query projection (`q_lin` / `attention.self.query`). */
  query: string;
  /** Key projection. */
  key: string;
  /** Value projection. */
  value: string;
  /** Attention output projection (`out_lin` / `attention.output.dense`). */
  attentionOutput: string;
  /** LayerNorm after attention (`sa_layer_norm` / `attention.output.LayerNorm`). */
  attentionNorm: string;
  /** First FFN linear (`ffn.lin1` / `intermediate.dense`). */
  ffnIn: string;
  /** Second FFN linear (`ffn.lin2` / `output.dense`). */
  ffnOut: string;
  /** LayerNorm after the FFN (`output_layer_norm` / `output.LayerNorm`). */
  outputNorm: string;
}

/** Module names of layer `i` for the architecture. */
export function layerNames(config: TransformerConfig, i: number): LayerNames {
  if (config.architecture === 'distilbert') {
    const p = `transformer.layer.${i}.`;
    return {
      query: `${p}attention.q_lin`,
      key: `${p}attention.k_lin`,
      value: `${p}attention.v_lin`,
      attentionOutput: `${p}attention.out_lin`,
      attentionNorm: `${p}sa_layer_norm`,
      ffnIn: `${p}ffn.lin1`,
      ffnOut: `${p}ffn.lin2`,
      outputNorm: `${p}output_layer_norm`,
    };
  }
  const p = `encoder.layer.${i}.`;
  return {
    query: `${p}attention.self.query`,
    key: `${p}attention.self.key`,
    value: `${p}attention.self.value`,
    attentionOutput: `${p}attention.output.dense`,
    attentionNorm: `${p}attention.output.LayerNorm`,
    ffnIn: `${p}intermediate.dense`,
    ffnOut: `${p}output.dense`,
    outputNorm: `${p}output.LayerNorm`,
  };
}

/** Embedding module names (shared by both architectures). */
export const embeddingNames = {
  word: 'embeddings.word_embeddings.weight',
  position: 'embeddings.position_embeddings.weight',
  tokenType: 'embeddings.token_type_embeddings.weight',
  norm: 'embeddings.LayerNorm',
} as const;

/** Names of the MLM head modules (absolute: they carry no model prefix in HF checkpoints). */
export function mlmHeadNames(config: TransformerConfig): {
  transform: string;
  norm: string;
  decoderWeight: string;
  decoderBias: readonly string[];
} {
  if (config.architecture === 'distilbert') {
    return {
      transform: 'vocab_transform',
      norm: 'vocab_layer_norm',
      decoderWeight: 'vocab_projector.weight',
      decoderBias: ['vocab_projector.bias'],
    };
  }
  return {
    transform: 'cls.predictions.transform.dense',
    norm: 'cls.predictions.transform.LayerNorm',
    decoderWeight: 'cls.predictions.decoder.weight',
    decoderBias: ['cls.predictions.bias', 'cls.predictions.decoder.bias'],
  };
}
