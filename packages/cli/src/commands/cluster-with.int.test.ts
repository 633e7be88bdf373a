import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeRuntime, loadEncoder } from '@retrievekit/encoder-node';
import {
  buildTransformerModel,
  randomWeights,
  serializeModel,
  tinyDistilBertConfig,
} from '@retrievekit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../capture-io.test-helper.js';
import { clusterCommand } from './cluster.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const tokenizerDir = resolve(repoRoot, '../shared/models/tas-b-tokenizer-config');
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'vocab.txt'];

const texts = [
  'how many people live in london',
  'population of paris france',
  'what is the capital of germany',
  'largest city in japan by population',
  'how do dense retrievers work',
  'what is bm25 ranking',
  'margin mse knowledge distillation explained',
  'topic aware sampling for dense retrieval training',
  'symptoms of vitamin d deficiency',
  'how long does the flu last',
  'is coffee bad for your heart',
  // Longer than 30 tokens: cut by the default --query-max-length.
  'what are the long term health effects of drinking several cups of strong black coffee every single day for many years according to large cohort studies and meta analyses',
];
const ids = texts.map((_, i) => `q${i}`);

let work: { dir: string; remove: () => void };
let model: string;
let queries: string;
beforeAll(async () => {
  work = tempDir('cluster-with');
  model = join(work.dir, 'model');
  mkdirSync(join(model, 'onnx'), { recursive: true });
  // std 1 (not HF's 0.02): tokens then move the CLS vector enough for k-means to find 3 non-empty clusters.
  const weights = randomWeights(tinyDistilBertConfig, 11, { std: 1, biasStd: 0.02, layerNormStd: 0.1 });
  const head = { kind: 'embedding', pooling: 'cls', normalize: false } as const;
  const graph = buildTransformerModel({ config: tinyDistilBertConfig, weights, head });
  writeFileSync(join(model, 'onnx/model.onnx'), serializeModel(graph));
  const c = tinyDistilBertConfig;
  writeFileSync(
    join(model, 'config.json'),
    JSON.stringify({
      model_type: 'distilbert',
      vocab_size: c.vocabSize,
      dim: c.hiddenSize,
      n_layers: c.numLayers,
      n_heads: c.numHeads,
      hidden_dim: c.intermediateSize,
      max_position_embeddings: c.maxPositions,
    }),
  );
  for (const file of TOKENIZER_FILES) copyFileSync(join(tokenizerDir, file), join(model, file));
  queries = join(work.dir, 'queries.tsv');
  writeFileSync(queries, ids.map((id, i) => `${id}\t${texts[i]}\n`).join(''));
  // The reference vectors: the same encoder called directly, at TAS-B's query length 30.
  const encoder = await loadEncoder(model, { kind: 'dense', runtime: createNodeRuntime() });
  const { embeddings, truncated } = await encoder.encodeQueries(texts, { maxLength: 30 });
  await encoder.release();
  expect(Array.from(truncated)).toEqual([...Array(11).fill(0), 1]);
  expect([embeddings.rows, embeddings.dim]).toEqual([12, 32]);
  writeFileSync(join(work.dir, 'q.f32'), Buffer.from(embeddings.data.buffer, embeddings.data.byteOffset));
}, 60_000);
afterAll(() => work.remove());

const common = () => ['--queries', queries, '--k', '3', '--init', 'kmeans++', '--seed', '5'];

describe('retrievekit cluster --cluster-with', () => {
  it('encodes the queries in batches and clusters them exactly as --vectors does', async () => {
    const viaModel = join(work.dir, 'model-clusters.txt');
    const r = await runCli(
      clusterCommand,
      [...common(), '--cluster-with', model, '--batch-size', '4', '--out', viaModel, '--json'],
      { stderrIsTTY: true },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/encoding queries \[#*\.*\]/);
    expect(r.stderr).toMatch(/note: 1 of 12 queries were cut to --query-max-length 30 tokens/);
    const stats = JSON.parse(r.stdout);
    expect(stats).toMatchObject({ queries: 12, k: 3, emptyClustersRepaired: 0 });
    expect(stats.clusterSizeMin).toBeGreaterThan(0);
    const clusters = readFileSync(viaModel, 'utf8');
    const lines = clusters.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.flatMap((line) => line.split(' ')).sort()).toEqual([...ids].sort());

    const viaVectors = join(work.dir, 'vector-clusters.txt');
    const v = await runCli(clusterCommand, [
      ...common(),
      '--vectors',
      join(work.dir, 'q.f32'),
      '--dim',
      '32',
      '--out',
      viaVectors,
    ]);
    expect(v.code, v.stderr).toBe(0);
    expect(readFileSync(viaVectors, 'utf8')).toBe(clusters);
  }, 60_000);

  it('a long enough --query-max-length cuts nothing', async () => {
    const r = await runCli(clusterCommand, [
      ...common(),
      '--cluster-with',
      model,
      '--query-max-length',
      '128',
      '--out',
      join(work.dir, 'long.txt'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/were cut/);
  }, 60_000);

  it('a cancelled encoding exits 130 and writes no cluster file', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = join(work.dir, 'cancelled.txt');
    const r = await runCli(clusterCommand, [...common(), '--cluster-with', model, '--out', out], {
      signal: controller.signal,
    });
    expect(r.code).toBe(130);
    expect(() => readFileSync(out)).toThrow();
  }, 60_000);

  it('a folder without a model exits 1 naming it', async () => {
    const empty = join(work.dir, 'empty');
    mkdirSync(empty);
    const r = await runCli(clusterCommand, [
      ...common(),
      '--cluster-with',
      empty,
      '--out',
      join(work.dir, 'x.txt'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('empty');
  }, 60_000);
});
