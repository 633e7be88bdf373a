/** Architecture hyper-parameters of a DistilBERT or BERT encoder, with presets. */
import { RetrievekitError } from '@retrievekit/core';

/** Encoder hyper-parameters (names follow HF `config.json` meaning, camelCased). */
export interface TransformerConfig {
  /** `'distilbert'` (no token types, `q_lin` naming) or `'bert'` (token types, pooler). */
  architecture: 'distilbert' | 'bert';
  /** Vocabulary size (30522 for bert-base-uncased). */
  vocabSize: number;
  /** Hidden size (`dim` in DistilBERT configs). */
  hiddenSize: number;
  /** Number of transformer layers. */
  numLayers: number;
  /** Number of attention heads; must divide `hiddenSize`. */
  numHeads: number;
  /** Feed-forward inner size (`hidden_dim` / `intermediate_size`). */
  intermediateSize: number;
  /** Learned position embeddings (`max_position_embeddings`). */
  maxPositions: number;
  /** Token-type vocabulary (BERT only; 2 for bert-base). Ignored for DistilBERT. */
  typeVocabSize: number;
  /** LayerNorm epsilon (1e-12 for both architectures). */
  layerNormEps: number;
}

/** The full TAS-B / Margin-MSE DistilBERT shape: 6 layers, 768 hidden, 12 heads, 3072 FFN, vocab 30522. */
export const tasbDistilBertConfig: TransformerConfig = {
  architecture: 'distilbert',
  vocabSize: 30522,
  hiddenSize: 768,
  numLayers: 6,
  numHeads: 12,
  intermediateSize: 3072,
  maxPositions: 512,
  typeVocabSize: 0,
  layerNormEps: 1e-12,
};

/** A tiny DistilBERT for tests, vocab-compatible with bert-base-uncased tokenizers (30522). */
export const tinyDistilBertConfig: TransformerConfig = {
  architecture: 'distilbert',
  vocabSize: 30522,
  hiddenSize: 32,
  numLayers: 2,
  numHeads: 2,
  intermediateSize: 64,
  maxPositions: 512,
  typeVocabSize: 0,
  layerNormEps: 1e-12,
};

/** A tiny BERT for tests (vocab 30522, 2 token types). */
export const tinyBertConfig: TransformerConfig = {
  ...tinyDistilBertConfig,
  architecture: 'bert',
  typeVocabSize: 2,
};

/** Throws `INVALID_ARGUMENT` naming the field when a config value is out of range. */
export function validateConfig(config: TransformerConfig): void {
  const positive = [
    'vocabSize',
    'hiddenSize',
    'numLayers',
    'numHeads',
    'intermediateSize',
    'maxPositions',
  ] as const;
  for (const field of positive) {
    if (!Number.isInteger(config[field]) || config[field] <= 0) {
      throw new RetrievekitError(
        'INVALID_ARGUMENT',
        `${field} must be a positive integer, got ${config[field]}`,
        {
          where: { field },
        },
      );
    }
  }
  if (config.hiddenSize % config.numHeads !== 0) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `hiddenSize ${config.hiddenSize} is not divisible by numHeads ${config.numHeads}`,
      { where: { field: 'numHeads' }, hint: 'each head gets hiddenSize / numHeads dims' },
    );
  }
  if (
    config.architecture === 'bert' &&
    (!Number.isInteger(config.typeVocabSize) || config.typeVocabSize <= 0)
  ) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `BERT needs typeVocabSize >= 1, got ${config.typeVocabSize}`,
      {
        where: { field: 'typeVocabSize' },
      },
    );
  }
}
