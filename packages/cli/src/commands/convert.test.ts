import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../capture-io.test-helper.js';
import { convertCommand } from './convert.js';
import { hubRoutes, startLocalServer } from './download.test-helper.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../../models/fixtures');

interface Reference {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
  mean: { shape: number[]; data: number[] };
  splade: { shape: number[]; data: number[] };
  logits: { shape: number[]; data: number[] };
}

// The fixtures have no vocabulary; a 100-token one (their vocab_size) lets tokenizer.json be synthesised.
const VOCAB = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  '[MASK]',
  ...Array.from({ length: 95 }, (_, i) => `w${i}`),
];

function checkpointCopy(dir: string, model: 'bert' | 'distilbert', files: string[]): string {
  const source = join(dir, `${model}-source`);
  mkdirSync(source);
  for (const file of ['config.json', ...files]) copyFileSync(join(fixtures, model, file), join(source, file));
  writeFileSync(join(source, 'vocab.txt'), `${VOCAB.join('\n')}\n`);
  return source;
}

const int64 = (rows: number[][]) =>
  new ort.Tensor('int64', BigInt64Array.from(rows.flat(), BigInt), [rows.length, rows[0]?.length ?? 0]);

async function runModel(dir: string, reference: Reference, output: string): Promise<ort.Tensor> {
  const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'));
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(reference.input_ids),
    attention_mask: int64(reference.attention_mask),
  };
  if (reference.token_type_ids !== undefined) feeds.token_type_ids = int64(reference.token_type_ids);
  const result = (await session.run(feeds))[output];
  await session.release();
  if (result === undefined) throw new Error(`no output ${output}`);
  return result;
}

function maxAbsDiff(actual: ort.Tensor, expected: { shape: number[]; data: number[] }): number {
  expect(actual.dims).toEqual(expected.shape);
  const data = actual.data as Float32Array;
  return expected.data.reduce((worst, v, i) => Math.max(worst, Math.abs((data[i] ?? Number.NaN) - v)), 0);
}

let work: { dir: string; remove: () => void };
beforeEach(() => {
  work = tempDir('convert');
});
afterEach(() => work.remove());

describe('retrievekit convert', () => {
  it('DistilBERT safetensors -> dense mean-pooled folder matching the torch reference to 1e-4', async () => {
    const source = checkpointCopy(work.dir, 'distilbert', ['model.safetensors']);
    const out = join(work.dir, 'out');
    const r = await runCli(convertCommand, [source, '--out', out, '--pooling', 'mean', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ dir: out, output: 'sentence_embedding', pooling: 'mean' });
    const reference = JSON.parse(
      readFileSync(join(fixtures, 'distilbert/reference.json'), 'utf8'),
    ) as Reference;
    expect(maxAbsDiff(await runModel(out, reference, 'sentence_embedding'), reference.mean)).toBeLessThan(
      1e-4,
    );
    expect(readdirSync(work.dir).sort()).toEqual(['distilbert-source', 'out']);
    const pooling = JSON.parse(readFileSync(join(out, '1_Pooling/config.json'), 'utf8'));
    expect(pooling).toMatchObject({
      word_embedding_dimension: 32,
      pooling_mode_mean_tokens: true,
      pooling_mode_cls_token: false,
    });
    expect(JSON.parse(readFileSync(join(out, 'modules.json'), 'utf8'))).toHaveLength(2);
    const tokenizer = JSON.parse(readFileSync(join(out, 'tokenizer.json'), 'utf8'));
    expect(tokenizer.model.vocab.w0).toBe(5);
    expect(existsSync(join(out, 'config.json'))).toBe(true);
    // the source has no tokenizer_config.json: one is written so transformers.js can load the folder
    expect(existsSync(join(source, 'tokenizer_config.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'tokenizer_config.json'), 'utf8'))).toMatchObject({
      tokenizer_class: 'DistilBertTokenizer',
      do_lower_case: true,
      pad_token: '[PAD]',
    });
  });
  it('BERT pytorch_model.bin -> SPLADE and cross-encoder heads match the reference to 1e-4', async () => {
    const source = checkpointCopy(work.dir, 'bert', ['pytorch_model.bin']);
    const reference = JSON.parse(readFileSync(join(fixtures, 'bert/reference.json'), 'utf8')) as Reference;
    const splade = join(work.dir, 'splade');
    expect((await runCli(convertCommand, [source, '--out', splade, '--head', 'splade'])).stdout).toBe(
      `${splade}\n`,
    );
    expect(maxAbsDiff(await runModel(splade, reference, 'sparse_embedding'), reference.splade)).toBeLessThan(
      1e-4,
    );
    expect(existsSync(join(splade, 'modules.json'))).toBe(false);
    const cross = join(work.dir, 'cross');
    expect((await runCli(convertCommand, [source, '--out', cross, '--head', 'cross'])).code).toBe(0);
    expect(maxAbsDiff(await runModel(cross, reference, 'logits'), reference.logits)).toBeLessThan(1e-4);
  });
  it('converts a hub repository id (downloaded from a local hub first)', async () => {
    const files = Object.fromEntries(
      ['config.json', 'model.safetensors'].map((f) => [f, readFileSync(join(fixtures, 'distilbert', f))]),
    );
    files['vocab.txt'] = Buffer.from(`${VOCAB.join('\n')}\n`);
    const hub = await startLocalServer(hubRoutes('org/distil', 'a'.repeat(40), files));
    const out = join(work.dir, 'hub-out');
    const args = ['org/distil', '--out', out, '--cache', join(work.dir, 'cache'), '--endpoint', hub.origin];
    const r = await runCli(convertCommand, args);
    await hub.close();
    expect(r.code, r.stderr).toBe(0);
    const reference = JSON.parse(
      readFileSync(join(fixtures, 'distilbert/reference.json'), 'utf8'),
    ) as Reference;
    const cls = await runModel(out, reference, 'sentence_embedding');
    const expected = JSON.parse(readFileSync(join(fixtures, 'distilbert/reference.json'), 'utf8')).cls;
    expect(maxAbsDiff(cls, expected)).toBeLessThan(1e-4);
    expect(JSON.parse(readFileSync(join(out, 'retrievekit.json'), 'utf8')).source).toBe('org/distil');
  });
  it('refuses an existing --out without --force, and replaces it with --force', async () => {
    const source = checkpointCopy(work.dir, 'distilbert', ['model.safetensors']);
    const out = join(work.dir, 'out');
    mkdirSync(out);
    const r = await runCli(convertCommand, [source, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /out: output folder already exists\n {2}hint: pick another --out or pass --force/,
    );
    expect((await runCli(convertCommand, [source, '--out', out, '--force', '--dtype', 'fp16'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'retrievekit.json'), 'utf8')).dtype).toBe('fp16');
  });
  it('a cancelled conversion leaves neither the output nor a temporary folder', async () => {
    const source = checkpointCopy(work.dir, 'distilbert', ['model.safetensors']);
    const controller = new AbortController();
    controller.abort();
    const r = await runCli(convertCommand, [source, '--out', join(work.dir, 'out')], {
      signal: controller.signal,
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/conversion was cancelled/);
    expect(readdirSync(work.dir)).toEqual(['distilbert-source']);
  });
  it('usage and data errors: exit 2 for bad flags, exit 1 naming a missing file', async () => {
    const bad = await runCli(convertCommand, ['x', '--out', 'y', '--head', 'colbert']);
    expect(bad.stderr).toMatch(/--head must be one of dense, splade, cross, got "colbert"/);
    expect(bad.code).toBe(2);
    expect((await runCli(convertCommand, ['x'])).stderr).toMatch(/--out is required/);
    expect((await runCli(convertCommand, ['x', '--out', 'y', '--head', 'splade', '--normalize'])).code).toBe(
      2,
    );
    const empty = join(work.dir, 'empty');
    mkdirSync(empty);
    const missing = await runCli(convertCommand, [empty, '--out', join(work.dir, 'o')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/empty/);
  });
  it('--help lists the layout and examples', async () => {
    const r = await runCli(convertCommand, ['--help']);
    expect(r.stdout).toMatch(/1_Pooling\/config\.json/);
    expect(r.stdout).toMatch(/Examples:\n {2}retrievekit convert /);
  });
});
