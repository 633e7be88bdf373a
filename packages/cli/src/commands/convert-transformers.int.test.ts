import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import { createNodeRuntime, loadEncoder } from '@retrievekit/encoder-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../capture-io.test-helper.js';
import { convertCommand } from './convert.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../../models/fixtures');
const config = JSON.parse(readFileSync(join(fixtures, 'distilbert/config.json'), 'utf8')) as {
  dim: number;
  vocab_size: number;
  max_position_embeddings: number;
};

// The fixture has no vocabulary: a vocab_size one (5 special tokens, then w0..w94) is written beside it.
const WORDS = Array.from({ length: config.vocab_size - 5 }, (_, i) => `w${i}`);
const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...WORDS];

// The torch reference's two sequences (ids 5.. are w0..), whose CLS vectors it gives, then eight texts of
// 1..40 vocabulary words (all under the fixture's 64 positions), deterministic and varied.
const reference = JSON.parse(readFileSync(join(fixtures, 'distilbert/reference.json'), 'utf8')) as {
  input_ids: number[][];
  cls: { shape: number[]; data: number[] };
};
const TEXTS = [
  ...reference.input_ids.map((ids) =>
    ids
      .filter((id) => id >= 5)
      .map((id) => VOCAB[id])
      .join(' '),
  ),
  ...[1, 5, 8, 12, 17, 23, 30, 40].map((count, t) =>
    Array.from({ length: count }, (_, i) => WORDS[(t * 37 + i * 13 + i * i) % WORDS.length]).join(' '),
  ),
];

function checkpointCopy(dir: string): string {
  const source = join(dir, 'distilbert-source');
  mkdirSync(source);
  for (const file of ['config.json', 'model.safetensors'])
    copyFileSync(join(fixtures, 'distilbert', file), join(source, file));
  writeFileSync(join(source, 'vocab.txt'), `${VOCAB.join('\n')}\n`);
  // transformers.js cannot load a tokenizer without tokenizer_config.json (convert copies it, never writes it).
  const tokenizerConfig = {
    tokenizer_class: 'DistilBertTokenizer',
    do_lower_case: true,
    model_max_length: config.max_position_embeddings,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
  writeFileSync(join(source, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig));
  return source;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

let work: { dir: string; remove: () => void };
beforeEach(() => {
  work = tempDir('convert-transformers');
});
afterEach(() => work.remove());

describe('retrievekit convert output in transformers.js', () => {
  it('loads in feature-extraction and gives the vectors of @retrievekit/encoder-node (1e-4)', async () => {
    const out = join(work.dir, 'out');
    const r = await runCli(convertCommand, [
      checkpointCopy(work.dir),
      '--out',
      out,
      '--head',
      'dense',
      '--pooling',
      'cls',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(TEXTS.every((text) => text.split(' ').length + 2 <= config.max_position_embeddings)).toBe(true);

    env.allowRemoteModels = false;
    env.localModelPath = dirname(out);
    // The written tokenizer maps the words to their vocabulary ids, bracketed by [CLS] and [SEP].
    const tokenizer = await AutoTokenizer.from_pretrained(basename(out));
    expect(tokenizer.encode('w0 w94 w7')).toEqual([2, 5, 99, 12, 3]);
    const extractor = await pipeline('feature-extraction', basename(out), { dtype: 'fp32' });
    const theirs = await extractor(TEXTS, { pooling: 'cls', normalize: false });
    await extractor.dispose();
    expect(theirs.dims).toEqual([TEXTS.length, config.dim]);
    const theirsData = theirs.data as Float32Array;
    // Independent check: the first two rows are the torch reference's CLS vectors.
    expect(reference.cls.shape).toEqual([2, config.dim]);
    const torchDiff = maxAbsDiff(theirsData.subarray(0, 2 * config.dim), reference.cls.data);
    expect(torchDiff).toBeLessThan(1e-4);

    const encoder = await loadEncoder(out, { kind: 'dense', runtime: createNodeRuntime(), batchSize: 4 });
    const ours = (await encoder.encodePassages(TEXTS)).embeddings;
    expect(ours.data).toHaveLength(TEXTS.length * config.dim);
    // Not a degenerate model: different texts get clearly different vectors.
    expect(
      maxAbsDiff(ours.data.subarray(0, config.dim), ours.data.subarray(config.dim, 2 * config.dim)),
    ).toBeGreaterThan(1e-2);
    const worst = maxAbsDiff(theirsData, ours.data);
    console.log(
      `convert -> transformers.js: max abs diff ${worst.toExponential(2)} vs encoder-node over ` +
        `${TEXTS.length} texts, ${torchDiff.toExponential(2)} vs the torch CLS reference`,
    );
    expect(worst).toBeLessThanOrEqual(1e-4);
  });
});
