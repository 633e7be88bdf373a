import { RetrievekitError } from '@retrievekit/core';

/** Architectures the checkpoint readers and graph builders understand. */
export type ModelType = 'distilbert' | 'bert';

/** Sizes of a DistilBERT or BERT model, normalised from a Hugging Face `config.json`. */
export interface ModelConfig {
  /** `distilbert` or `bert`. */
  modelType: ModelType;
  /** The `architectures` list of config.json (e.g. `['DistilBertForMaskedLM']`), empty when absent. */
  architectures: string[];
  /** Hidden size (`dim` / `hidden_size`). */
  hiddenSize: number;
  /** Transformer layers (`n_layers` / `num_hidden_layers`). */
  numLayers: number;
  /** Attention heads (`n_heads` / `num_attention_heads`). */
  numHeads: number;
  /** Feed-forward inner size (`hidden_dim` / `intermediate_size`). */
  intermediateSize: number;
  /** Vocabulary size. */
  vocabSize: number;
  /** Number of learned position embeddings. */
  maxPositions: number;
  /** Token type (segment) vocabulary size; 0 for DistilBERT, which has none. */
  typeVocabSize: number;
  /** LayerNorm epsilon (DistilBERT: 1e-12). */
  layerNormEps: number;
  /** Activation name (`activation` / `hidden_act`), e.g. `gelu`. */
  activation: string;
  /** Classifier outputs, from `id2label` (or `num_labels`); undefined when the config says nothing. */
  numLabels: number | undefined;
  /** The config.json object as read. */
  raw: Record<string, unknown>;
}

const FIELDS: Record<ModelType, Record<string, string>> = {
  distilbert: {
    hiddenSize: 'dim',
    numLayers: 'n_layers',
    numHeads: 'n_heads',
    intermediateSize: 'hidden_dim',
    vocabSize: 'vocab_size',
    maxPositions: 'max_position_embeddings',
  },
  bert: {
    hiddenSize: 'hidden_size',
    numLayers: 'num_hidden_layers',
    numHeads: 'num_attention_heads',
    intermediateSize: 'intermediate_size',
    vocabSize: 'vocab_size',
    maxPositions: 'max_position_embeddings',
    typeVocabSize: 'type_vocab_size',
  },
};

function detectModelType(raw: Record<string, unknown>, file: string): ModelType {
  const declared = raw.model_type;
  const architectures = Array.isArray(raw.architectures) ? raw.architectures.map(String) : [];
  if (declared === 'distilbert' || declared === 'bert') return declared;
  if (declared === undefined && architectures.length > 0) {
    if (architectures.every((a) => a.startsWith('DistilBert'))) return 'distilbert';
    if (architectures.every((a) => a.startsWith('Bert'))) return 'bert';
  }
  const named =
    declared === undefined
      ? `architectures ${JSON.stringify(architectures)}`
      : `model_type "${String(declared)}"`;
  throw new RetrievekitError('UNSUPPORTED', `unknown architecture: ${named}`, {
    where: { file, field: declared === undefined ? 'architectures' : 'model_type' },
    hint: 'supported model types: distilbert (DistilBertModel, ...ForMaskedLM, ...ForSequenceClassification) and bert (BertModel, ...ForMaskedLM, ...ForPreTraining, ...ForSequenceClassification)',
  });
}

/**
 * Normalises a Hugging Face `config.json` object of a DistilBERT or BERT model.
 *
 * @param raw - the parsed config.json
 * @param file - name used in error messages
 * @throws `UNSUPPORTED` for other architectures, `INVALID_ARGUMENT` for a missing or bad size field
 */
export function parseModelConfig(raw: Record<string, unknown>, file = 'config.json'): ModelConfig {
  const modelType = detectModelType(raw, file);
  const sizes: Record<string, number> = { typeVocabSize: 0 };
  for (const [key, field] of Object.entries(FIELDS[modelType])) {
    const value = raw[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new RetrievekitError(
        'INVALID_ARGUMENT',
        `${field} must be a positive integer, got ${JSON.stringify(value)}`,
        {
          where: { file, field },
          hint: `a ${modelType} config.json needs ${Object.values(FIELDS[modelType]).join(', ')}`,
        },
      );
    }
    sizes[key] = value;
  }
  const labels = raw.id2label;
  const numLabels =
    typeof labels === 'object' && labels !== null
      ? Object.keys(labels).length
      : typeof raw.num_labels === 'number'
        ? raw.num_labels
        : undefined;
  const eps = raw.layer_norm_eps;
  const activation = raw[modelType === 'distilbert' ? 'activation' : 'hidden_act'];
  return {
    modelType,
    architectures: Array.isArray(raw.architectures) ? raw.architectures.map(String) : [],
    hiddenSize: sizes.hiddenSize ?? 0,
    numLayers: sizes.numLayers ?? 0,
    numHeads: sizes.numHeads ?? 0,
    intermediateSize: sizes.intermediateSize ?? 0,
    vocabSize: sizes.vocabSize ?? 0,
    maxPositions: sizes.maxPositions ?? 0,
    typeVocabSize: sizes.typeVocabSize ?? 0,
    layerNormEps: typeof eps === 'number' ? eps : 1e-12,
    activation: typeof activation === 'string' ? activation : 'gelu',
    numLabels,
    raw,
  };
}
