import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import {
  buildTransformerModel,
  downloadModel,
  ensureTokenizerJson,
  type HubOptions,
  type ModelHead,
  readCheckpoint,
  transformerConfigOf,
  writeModelFile,
} from '@retrievekit/models';
import { type ConvertSettings, retrievekitManifest, sentenceTransformersFiles } from './convert-layout.js';

/** Options of {@link convertModel}. */
export interface ConvertModelOptions extends LongTaskOptions {
  /** Hub options for a repository id (cache, revision, offline, endpoint). */
  hub?: HubOptions;
  /** Replace an existing `out` folder. Default false. */
  force?: boolean;
}

const COPIED = ['config.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt'];

function modelHead(settings: ConvertSettings): ModelHead {
  if (settings.head === 'splade') return { kind: 'splade' };
  if (settings.head === 'cross') return { kind: 'classifier' };
  return { kind: 'embedding', pooling: settings.pooling, normalize: settings.normalize };
}

async function sourceFolder(source: string, options: ConvertModelOptions): Promise<string> {
  if (existsSync(source) && statSync(source).isDirectory()) return source;
  const folder = await downloadModel(source, {
    ...options.hub,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  if (!folder.weights.needsConversion)
    throw new RetrievekitError('UNSUPPORTED', `${source} ships ${folder.weights.path}, not PyTorch weights`, {
      hint: `it needs no conversion: use "retrievekit download model ${source}" and load ${folder.dir}`,
    });
  return folder.dir;
}

/**
 * Converts a DistilBERT/BERT checkpoint (a local folder or a hub repository id) into a folder encoders
 * and transformers.js load: `onnx/model.onnx`, `tokenizer.json` (synthesised from vocab.txt when
 * missing), the source's config and tokenizer files, sentence-transformers pooling files for dense heads,
 * and `retrievekit.json`. Written into a temporary folder beside `out` and renamed at the end; on any
 * failure or cancellation the temporary folder is removed and `out` is untouched.
 *
 * @returns the absolute output folder
 */
export async function convertModel(
  source: string,
  out: string,
  settings: ConvertSettings,
  options: ConvertModelOptions = {},
): Promise<string> {
  const target = resolve(out);
  if (existsSync(target) && options.force !== true)
    throw new RetrievekitError('INVALID_ARGUMENT', 'output folder already exists', {
      where: { file: target },
      hint: 'pick another --out or pass --force to replace it',
    });
  const dir = await sourceFolder(source, options);
  const checkpoint = await readCheckpoint(dir);
  const config = transformerConfigOf(checkpoint.config);
  const { tokenizerJson } = await ensureTokenizerJson(dir);
  throwIfAborted(options.signal, 'conversion');
  const model = buildTransformerModel({
    config,
    weights: checkpoint.weights,
    head: modelHead(settings),
    fused: settings.fused,
    precision: settings.dtype,
  });
  await mkdir(dirname(target), { recursive: true });
  const temp = await mkdtemp(join(dirname(target), `.${basename(target)}.convert-`));
  try {
    await mkdir(join(temp, 'onnx'));
    await writeModelFile(join(temp, 'onnx', 'model.onnx'), model, options);
    await writeFile(join(temp, 'tokenizer.json'), JSON.stringify(tokenizerJson, null, 2));
    for (const name of COPIED)
      if (existsSync(join(dir, name))) await copyFile(join(dir, name), join(temp, name));
    if (!existsSync(join(dir, 'tokenizer_config.json'))) {
      // transformers.js (and HF's AutoTokenizer) need it to pick the tokenizer class and its pad token.
      const tokenizerConfig = defaultTokenizerConfig(
        config.architecture,
        lowercaseOf(tokenizerJson),
        config.maxPositions,
      );
      await writeFile(join(temp, 'tokenizer_config.json'), `${JSON.stringify(tokenizerConfig, null, 2)}\n`);
    }
    const side = {
      ...sentenceTransformersFiles(settings, config.hiddenSize),
      'retrievekit.json': retrievekitManifest(settings, source),
    };
    for (const [path, text] of Object.entries(side)) {
      await mkdir(dirname(join(temp, path)), { recursive: true });
      await writeFile(join(temp, path), text);
    }
    throwIfAborted(options.signal, 'conversion');
    if (existsSync(target)) await rm(target, { recursive: true, force: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return target;
}

/** Whether a tokenizer.json lower-cases its input (its BertNormalizer's setting; true when absent). */
function lowercaseOf(tokenizerJson: unknown): boolean {
  const normalizer = (tokenizerJson as { normalizer?: { lowercase?: unknown } | null }).normalizer;
  return typeof normalizer?.lowercase === 'boolean' ? normalizer.lowercase : true;
}

/** The tokenizer_config.json HF writes for a WordPiece DistilBERT/BERT tokenizer. */
export function defaultTokenizerConfig(
  architecture: 'distilbert' | 'bert',
  lowercase: boolean,
  modelMaxLength: number,
): Record<string, unknown> {
  return {
    tokenizer_class: architecture === 'distilbert' ? 'DistilBertTokenizer' : 'BertTokenizer',
    do_lower_case: lowercase,
    model_max_length: modelMaxLength,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  };
}
