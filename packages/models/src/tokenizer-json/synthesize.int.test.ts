import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { synthesizeTokenizerJson } from './synthesize.js';
import { ensureTokenizerJson } from './write-tokenizer-json.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const shared = resolve(repoRoot, '../shared');
const modelDir = join(shared, 'models/tas-b-tokenizer-config');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function scifactTexts(): string[] {
  const texts: string[] = [];
  for (const file of ['corpus.jsonl', 'queries.jsonl']) {
    for (const line of readFileSync(join(shared, 'data/scifact', file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as { title?: string; text: string };
      texts.push(record.title ? `${record.title} ${record.text}` : record.text);
    }
  }
  return texts;
}

describe('synthesised tokenizer.json against the real TAS-B one', () => {
  const tokenizerConfig = readJson(join(modelDir, 'tokenizer_config.json'));
  const real = readJson(join(modelDir, 'tokenizer.json'));
  const synthesised = synthesizeTokenizerJson({
    vocab: readFileSync(join(modelDir, 'vocab.txt'), 'utf8'),
    tokenizerConfig,
    specialTokensMap: readJson(join(modelDir, 'special_tokens_map.json')),
  });

  it('has the same structure, section by section', () => {
    for (const section of [
      'normalizer',
      'pre_tokenizer',
      'model',
      'post_processor',
      'decoder',
      'added_tokens',
      'truncation',
      'padding',
      'version',
    ]) {
      expect(JSON.parse(JSON.stringify(synthesised))[section], section).toEqual(real[section]);
    }
  });

  it('gives identical ids on every SciFact passage and query, single and paired', () => {
    const a = new Tokenizer(real, tokenizerConfig);
    const b = new Tokenizer(synthesised, tokenizerConfig);
    const texts = scifactTexts();
    expect(texts.length).toBe(5183 + 1109);
    let mismatches = 0;
    let tokens = 0;
    for (const text of texts) {
      const expected = a.encode(text).ids;
      tokens += expected.length;
      if (JSON.stringify(b.encode(text).ids) !== JSON.stringify(expected)) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(tokens).toBeGreaterThan(1_000_000);
    const pair = { text_pair: texts[0] };
    expect(b.encode(texts[5183] ?? '', pair)).toEqual(a.encode(texts[5183] ?? '', pair));
  });

  it('writes tokenizer.json into a folder that lacks one, atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'retrievekit-tok-'));
    try {
      for (const f of ['vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'])
        await copyFile(join(modelDir, f), join(dir, f));
      const first = await ensureTokenizerJson(dir, { write: true });
      expect(first.synthesized).toBe(true);
      expect(readJson(join(dir, 'tokenizer.json')).model).toEqual(real.model);
      writeFileSync(join(dir, 'tokenizer.json'), '{"version":"kept"}');
      expect(await ensureTokenizerJson(dir, { write: true })).toEqual({
        tokenizerJson: { version: 'kept' },
        synthesized: false,
      });
      rmSync(join(dir, 'vocab.txt'));
      rmSync(join(dir, 'tokenizer.json'));
      await expect(ensureTokenizerJson(dir)).rejects.toThrow(
        /folder has neither tokenizer\.json nor vocab\.txt/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
