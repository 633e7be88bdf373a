/** Test-only: tiny random models written as real model folders with the real TAS-B tokenizer files. */
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelHead, TransformerConfig } from '@retrievekit/models';
import {
  buildTransformerModel,
  encodeSafetensors,
  randomWeights,
  serializeModel,
  tinyDistilBertConfig,
} from '@retrievekit/models';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Shared data folder (`../shared` of the repository root). */
export const sharedDir = resolve(repoRoot, '../shared');
const tokenizerDir = join(sharedDir, 'models/tas-b-tokenizer-config');
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt'];

/** Options of {@link makeModelFolder}. */
export interface ModelFolderOptions {
  head: ModelHead;
  config?: TransformerConfig;
  seed?: number;
  /** Where the graph goes; `'safetensors'` writes a checkpoint to convert instead. Default `'onnx/model.onnx'`. */
  layout?: 'onnx/model.onnx' | 'model.onnx' | 'safetensors';
  /** Write the sentence-transformers pooling files (TAS-B: CLS). */
  poolingConfig?: Record<string, boolean>;
  /** Omit tokenizer.json (vocab.txt only). */
  withoutTokenizerJson?: boolean;
}

/** Writes a model folder into a fresh temp dir and returns the dir and the ONNX bytes of its graph. */
export async function makeModelFolder(
  options: ModelFolderOptions,
): Promise<{ dir: string; bytes: Uint8Array }> {
  const config = options.config ?? tinyDistilBertConfig;
  const dir = await mkdtemp(join(tmpdir(), 'rk-encoder-'));
  const weights = randomWeights(config, options.seed ?? 7, { biasStd: 0.02, layerNormStd: 0.1 });
  const bytes = serializeModel(buildTransformerModel({ config, weights, head: options.head }));
  const layout = options.layout ?? 'onnx/model.onnx';
  if (layout === 'safetensors') await writeFile(join(dir, 'model.safetensors'), encodeSafetensors(weights));
  else {
    await mkdir(dirname(join(dir, layout)), { recursive: true });
    await writeFile(join(dir, layout), bytes);
  }
  const hf =
    config.architecture === 'distilbert'
      ? {
          model_type: 'distilbert',
          vocab_size: config.vocabSize,
          dim: config.hiddenSize,
          n_layers: config.numLayers,
          n_heads: config.numHeads,
          hidden_dim: config.intermediateSize,
          max_position_embeddings: config.maxPositions,
        }
      : {
          model_type: 'bert',
          vocab_size: config.vocabSize,
          hidden_size: config.hiddenSize,
          num_hidden_layers: config.numLayers,
          num_attention_heads: config.numHeads,
          intermediate_size: config.intermediateSize,
          max_position_embeddings: config.maxPositions,
          type_vocab_size: config.typeVocabSize,
        };
  await writeFile(join(dir, 'config.json'), JSON.stringify(hf));
  for (const file of TOKENIZER_FILES) {
    if (file === 'tokenizer.json' && options.withoutTokenizerJson) continue;
    await copyFile(join(tokenizerDir, file), join(dir, file));
  }
  if (options.poolingConfig !== undefined) {
    await mkdir(join(dir, '1_Pooling'));
    await writeFile(join(dir, '1_Pooling/config.json'), JSON.stringify(options.poolingConfig));
    await copyFile(join(tokenizerDir, 'modules.json'), join(dir, 'modules.json'));
  }
  return { dir, bytes };
}
