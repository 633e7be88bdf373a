import type { ModelConfig, ModelType } from './model-config.js';

/** A tensor a model needs: its canonical Hugging Face name and shape. */
export interface ExpectedTensor {
  name: string;
  shape: number[];
}

const BACKBONE_ROOTS: Record<ModelType, string[]> = {
  distilbert: ['embeddings.', 'transformer.'],
  bert: ['embeddings.', 'encoder.', 'pooler.'],
};

/**
 * The canonical Hugging Face name of a checkpoint key: the backbone prefix (`distilbert.` / `bert.`)
 * added when a checkpoint omits it (base-model checkpoints such as `DistilBertModel` do), a `module.`
 * prefix of DataParallel training dropped, and legacy `LayerNorm.gamma` / `.beta` renamed `.weight` / `.bias`.
 */
export function canonicalName(modelType: ModelType, name: string): string {
  let key = name.startsWith('module.') ? name.slice('module.'.length) : name;
  if (BACKBONE_ROOTS[modelType].some((root) => key.startsWith(root))) key = `${modelType}.${key}`;
  if (key.endsWith('.gamma')) key = `${key.slice(0, -'.gamma'.length)}.weight`;
  else if (key.endsWith('.beta')) key = `${key.slice(0, -'.beta'.length)}.bias`;
  return key;
}

function linear(prefix: string, out: number, inputs: number): ExpectedTensor[] {
  return [
    { name: `${prefix}.weight`, shape: [out, inputs] },
    { name: `${prefix}.bias`, shape: [out] },
  ];
}

function norm(prefix: string, size: number): ExpectedTensor[] {
  return [
    { name: `${prefix}.weight`, shape: [size] },
    { name: `${prefix}.bias`, shape: [size] },
  ];
}

/** The backbone tensors of a model (embeddings and every transformer layer). */
export function backboneTensors(config: ModelConfig): ExpectedTensor[] {
  const { hiddenSize: h, intermediateSize: f, vocabSize: v, maxPositions: p, numLayers } = config;
  const out: ExpectedTensor[] = [];
  if (config.modelType === 'distilbert') {
    const e = 'distilbert.embeddings';
    out.push({ name: `${e}.word_embeddings.weight`, shape: [v, h] });
    out.push({ name: `${e}.position_embeddings.weight`, shape: [p, h] });
    out.push(...norm(`${e}.LayerNorm`, h));
    for (let i = 0; i < numLayers; i++) {
      const l = `distilbert.transformer.layer.${i}`;
      for (const proj of ['q_lin', 'k_lin', 'v_lin', 'out_lin'])
        out.push(...linear(`${l}.attention.${proj}`, h, h));
      out.push(
        ...norm(`${l}.sa_layer_norm`, h),
        ...linear(`${l}.ffn.lin1`, f, h),
        ...linear(`${l}.ffn.lin2`, h, f),
      );
      out.push(...norm(`${l}.output_layer_norm`, h));
    }
    return out;
  }
  const e = 'bert.embeddings';
  out.push({ name: `${e}.word_embeddings.weight`, shape: [v, h] });
  out.push({ name: `${e}.position_embeddings.weight`, shape: [p, h] });
  out.push({ name: `${e}.token_type_embeddings.weight`, shape: [config.typeVocabSize, h] });
  out.push(...norm(`${e}.LayerNorm`, h));
  for (let i = 0; i < numLayers; i++) {
    const l = `bert.encoder.layer.${i}`;
    for (const proj of ['query', 'key', 'value']) out.push(...linear(`${l}.attention.self.${proj}`, h, h));
    out.push(...linear(`${l}.attention.output.dense`, h, h), ...norm(`${l}.attention.output.LayerNorm`, h));
    out.push(...linear(`${l}.intermediate.dense`, f, h), ...linear(`${l}.output.dense`, h, f));
    out.push(...norm(`${l}.output.LayerNorm`, h));
  }
  return out;
}

/** Tensors of the masked-language-model head (the output projection is tied to the word embeddings). */
export function mlmHeadTensors(config: ModelConfig): ExpectedTensor[] {
  const { hiddenSize: h, vocabSize: v } = config;
  if (config.modelType === 'distilbert') {
    return [
      ...linear('vocab_transform', h, h),
      ...norm('vocab_layer_norm', h),
      { name: 'vocab_projector.weight', shape: [v, h] },
      { name: 'vocab_projector.bias', shape: [v] },
    ];
  }
  return [
    ...linear('cls.predictions.transform.dense', h, h),
    ...norm('cls.predictions.transform.LayerNorm', h),
    { name: 'cls.predictions.decoder.weight', shape: [v, h] },
    { name: 'cls.predictions.bias', shape: [v] },
  ];
}

/** Tensors of the sequence-classification head (DistilBERT: pre_classifier + classifier; BERT: pooler + classifier). */
export function classifierHeadTensors(config: ModelConfig, numLabels: number): ExpectedTensor[] {
  const h = config.hiddenSize;
  const first =
    config.modelType === 'distilbert' ? linear('pre_classifier', h, h) : linear('bert.pooler.dense', h, h);
  return [...first, ...linear('classifier', numLabels, h)];
}

/** Names that mark the MLM head as present. */
export const MLM_MARKERS: Readonly<Record<ModelType, string>> = {
  distilbert: 'vocab_transform.weight',
  bert: 'cls.predictions.transform.dense.weight',
};
