import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import type { WeightMap } from '../graph/weights.js';
import { type ModelConfig, parseModelConfig } from './model-config.js';
import { parsePytorchCheckpoint } from './pytorch-bin.js';
import { type CheckpointHeads, resolveWeights } from './resolve-weights.js';
import { parseSafetensors } from './safetensors.js';

/** Weight file formats {@link readCheckpoint} reads. */
export type CheckpointFormat = 'safetensors' | 'pytorch';

/** What {@link readCheckpoint} returns. */
export interface Checkpoint {
  /** The normalised config.json. */
  config: ModelConfig;
  /** Tensors under canonical Hugging Face names (`distilbert.…` / `bert.…`, heads at the top level). */
  weights: WeightMap;
  /** Heads found besides the encoder. */
  heads: CheckpointHeads;
  /** Canonical names present in the files but used by no supported head (kept in `weights`). */
  unused: string[];
  /** The weight files read, relative to the folder, and their format. */
  source: { format: CheckpointFormat; files: string[] };
}

/** Options of {@link readCheckpoint}. */
export interface ReadCheckpointOptions {
  /** Which format to read when a folder has both; default `safetensors` (no pickle involved). */
  prefer?: CheckpointFormat;
}

const CANDIDATES: Record<CheckpointFormat, { single: string; index: string }> = {
  safetensors: { single: 'model.safetensors', index: 'model.safetensors.index.json' },
  pytorch: { single: 'pytorch_model.bin', index: 'pytorch_model.bin.index.json' },
};

async function readJson(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new RetrievekitError('NOT_FOUND', 'cannot read file', { where: { file: path }, cause });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch (cause) {
    throw new RetrievekitError('PARSE_ERROR', 'not valid JSON', { where: { file: path }, cause });
  }
  throw new RetrievekitError('PARSE_ERROR', 'expected a JSON object', { where: { file: path } });
}

async function shardFiles(dir: string, indexFile: string): Promise<string[]> {
  const index = await readJson(join(dir, indexFile));
  const map = index.weight_map;
  if (typeof map !== 'object' || map === null) {
    throw new RetrievekitError('PARSE_ERROR', 'weight_map is missing', {
      where: { file: join(dir, indexFile), field: 'weight_map' },
    });
  }
  return [...new Set(Object.values(map).map(String))];
}

async function readWeightFile(path: string, format: CheckpointFormat): Promise<WeightMap> {
  // One read of the whole file; the tensors are views into it (no second copy of the weights).
  const bytes = await readFile(path);
  return format === 'safetensors'
    ? parseSafetensors(bytes, path, { copy: false }).tensors
    : parsePytorchCheckpoint(bytes, path, { copy: false });
}

/**
 * Reads a Hugging Face DistilBERT or BERT checkpoint folder: `config.json` plus `model.safetensors` or
 * `pytorch_model.bin` (single or sharded with a `*.index.json`). Names are canonicalised, tied tensors
 * filled, heads detected and every shape checked against the config.
 *
 * @example
 * ```ts
 * const { config, weights, heads } = await readCheckpoint('./distilbert-dot-tas_b-b256-msmarco');
 * config.hiddenSize; // 768
 * weights.get('distilbert.transformer.layer.0.attention.q_lin.weight')?.shape; // [768, 768]
 * ```
 * @throws `NOT_FOUND` naming the files looked for; `UNSUPPORTED` for other architectures or legacy
 *   pickles; `CORRUPT_DATA` listing missing tensors and wrong shapes
 */
export async function readCheckpoint(dir: string, options: ReadCheckpointOptions = {}): Promise<Checkpoint> {
  const config = parseModelConfig(await readJson(join(dir, 'config.json')), join(dir, 'config.json'));
  const preferred = options.prefer ?? 'safetensors';
  const order: CheckpointFormat[] =
    preferred === 'safetensors' ? ['safetensors', 'pytorch'] : ['pytorch', 'safetensors'];
  for (const format of order) {
    const { single, index } = CANDIDATES[format];
    let files: string[] | undefined;
    if (existsSync(join(dir, single))) files = [single];
    else if (existsSync(join(dir, index))) files = await shardFiles(dir, index);
    if (files === undefined) continue;
    const raw: WeightMap = new Map();
    for (const file of files) {
      for (const [name, tensor] of await readWeightFile(join(dir, file), format)) raw.set(name, tensor);
    }
    const resolved = resolveWeights(raw, config, join(dir, files[0] ?? single));
    return { config, ...resolved, source: { format, files } };
  }
  const looked = order.flatMap((f) => [CANDIDATES[f].single, CANDIDATES[f].index]);
  throw new RetrievekitError('NOT_FOUND', `no weight file in the folder (looked for ${looked.join(', ')})`, {
    where: { file: dir },
    hint: 'download model.safetensors or pytorch_model.bin from the model repository into this folder',
  });
}
