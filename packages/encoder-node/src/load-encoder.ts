import { join } from 'node:path';
import type {
  CrossEncoder,
  DenseEncoder,
  EncoderRuntime,
  ModelSession,
  PoolingMode,
  ScoreMetric,
  SparseEncoder,
} from '@retrievekit/encoder';
import {
  checkVocabulary,
  createCrossEncoder,
  createDenseEncoder,
  createSparseEncoder,
} from '@retrievekit/encoder';
import type { HubOptions, ModelHead } from '@retrievekit/models';
import {
  buildTransformerModel,
  downloadModel,
  ensureTokenizerJson,
  readCheckpoint,
  serializeModel,
  transformerConfigOf,
} from '@retrievekit/models';
import type { RetrievekitTokenizer } from '@retrievekit/tokenizer';
import { createTokenizer } from '@retrievekit/tokenizer';
import { readFolderPooling, readJsonIfPresent, vocabSizeOf } from './model-folder.js';

/** Options of {@link loadEncoder}. */
export interface LoadEncoderOptions<K extends 'dense' | 'sparse' | 'cross'> {
  /** Which encoder: dense (bi-encoder), sparse (SPLADE) or cross (re-ranker). */
  kind: K;
  /** The runtime, e.g. `createNodeRuntime()`. */
  runtime: EncoderRuntime;
  /** Default max lengths of queries and passages (tokens, special tokens included). Default 512 each. */
  maxLength?: { query?: number; passage?: number };
  /** Rows per runtime call. Default 32. */
  batchSize?: number;
  /** Dense: pooling when the graph has no pooled output. Default: the folder's pooling config, else `'cls'`. */
  pooling?: PoolingMode;
  /** Dense: unit-length vectors. Default: true only when modules.json lists a Normalize module. */
  normalize?: boolean;
  /** Dense: score metric. Default `'dot'`. */
  metric?: ScoreMetric;
  /** Sparse: keep weights above this (default 0) and at most `topK` terms. */
  threshold?: number;
  topK?: number;
  /** Hub options (cache, revision, offline, token, progress) for repository ids. */
  hub?: HubOptions;
}

/** The encoder type of each kind. */
export type EncoderOfKind<K> = K extends 'dense'
  ? DenseEncoder
  : K extends 'sparse'
    ? SparseEncoder
    : CrossEncoder;

async function loadFolderTokenizer(
  dir: string,
  maxLength: LoadEncoderOptions<'dense'>['maxLength'],
): Promise<RetrievekitTokenizer> {
  const { tokenizerJson } = await ensureTokenizerJson(dir);
  const [config, specialMap] = await Promise.all([
    readJsonIfPresent(join(dir, 'tokenizer_config.json')),
    readJsonIfPresent(join(dir, 'special_tokens_map.json')),
  ]);
  return createTokenizer({
    tokenizerJson: tokenizerJson as Record<string, unknown>,
    tokenizerConfig: { ...specialMap, ...config },
    ...(maxLength === undefined ? {} : { maxLength }),
  });
}

/**
 * Loads a dense, sparse or cross-encoder from a model folder or a Hugging Face repository id: the ONNX
 * graph (`onnx/model.onnx` or `model.onnx`; safetensors / PyTorch checkpoints are converted in memory
 * with `@retrievekit/models`), `tokenizer.json` (synthesised from `vocab.txt` when missing),
 * `config.json` (`vocab_size` is checked against the tokenizer) and the sentence-transformers pooling config.
 *
 * @example
 * ```ts
 * const tasb = await loadEncoder('sebastian-hofstaetter/distilbert-dot-tas_b-b256-msmarco', {
 *   kind: 'dense',
 *   runtime: createNodeRuntime(),
 * });
 * const { embeddings } = await tasb.encodeQueries(['what is dense retrieval?']);
 * ```
 */
export async function loadEncoder<K extends 'dense' | 'sparse' | 'cross'>(
  dirOrRepoId: string,
  options: LoadEncoderOptions<K>,
): Promise<EncoderOfKind<K>> {
  const folder = await downloadModel(dirOrRepoId, options.hub);
  const { dir } = folder;
  const [tokenizer, config, folderPooling] = await Promise.all([
    loadFolderTokenizer(dir, options.maxLength),
    readJsonIfPresent(join(dir, 'config.json')),
    readFolderPooling(dir),
  ]);
  const modelVocabSize = vocabSizeOf(config);
  const pooling = options.pooling ?? folderPooling.pooling ?? 'cls';
  const normalize = options.normalize ?? folderPooling.normalize;
  const common = {
    tokenizer,
    modelVocabSize,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  };
  // Checks that need no runtime come first: a tokenizer larger than the embedding fails here.
  const createFor = (session: ModelSession): DenseEncoder | SparseEncoder | CrossEncoder => {
    if (options.kind === 'dense')
      return createDenseEncoder({ ...common, session, pooling, normalize, metric: options.metric ?? 'dot' });
    if (options.kind === 'sparse')
      return createSparseEncoder({
        ...common,
        session,
        threshold: options.threshold ?? 0,
        ...(options.topK === undefined ? {} : { topK: options.topK }),
      });
    return createCrossEncoder({ ...common, session });
  };
  checkVocabulary(tokenizer.vocabSize, modelVocabSize);
  let model: string | Uint8Array = join(dir, folder.weights.path);
  if (folder.weights.needsConversion) {
    const checkpoint = await readCheckpoint(dir);
    const head: ModelHead =
      options.kind === 'dense'
        ? { kind: 'embedding', pooling, normalize: false }
        : options.kind === 'sparse'
          ? { kind: 'splade' }
          : { kind: 'classifier' };
    model = serializeModel(
      buildTransformerModel({
        config: transformerConfigOf(checkpoint.config),
        weights: checkpoint.weights,
        head,
      }),
    );
  }
  const session = await options.runtime.createSession(model);
  try {
    return createFor(session) as EncoderOfKind<K>;
  } catch (error) {
    await session.release();
    throw error;
  }
}
