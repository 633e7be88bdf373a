import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { afterAll, describe, expect, test } from 'vitest';
import { loadTokenizer } from './load-tokenizer.js';
import { tasbDir } from './test-fixtures.js';

const scratch = await mkdtemp(join(tmpdir(), 'retrievekit-tokenizer-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>): Promise<RetrievekitError> {
  try {
    await promise;
  } catch (error) {
    if (RetrievekitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a RetrievekitError');
}

describe('loadTokenizer', () => {
  test('loads the TAS-B folder with its configs', async () => {
    const tokenizer = await loadTokenizer(tasbDir, { maxLength: { query: 30, passage: 200 } });
    expect(tokenizer.encode('London')).toEqual([101, 2414, 102]);
    expect(tokenizer.modelMaxLength).toBe(512);
    expect(tokenizer.maxLength).toEqual({ query: 30, passage: 200 });
  });

  test('a folder without tokenizer.json gets a clear error pointing to @retrievekit/models', async () => {
    const dir = join(scratch, 'vocab-only');
    await rm(dir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await writeFile(join(dir, 'vocab.txt'), '[PAD]\n');
    const error = await rejection(loadTokenizer(dir));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.where.file).toBe(join(dir, 'tokenizer.json'));
    expect(error.message).toMatch(
      /no tokenizer\.json.*@retrievekit\/models can synthesise one from vocab\.txt/,
    );
  });

  test('a broken tokenizer.json is a parse error naming the file', async () => {
    const dir = join(scratch, 'broken');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    await writeFile(join(dir, 'tokenizer.json'), '{"model": ');
    const error = await rejection(loadTokenizer(dir));
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toContain(join(dir, 'tokenizer.json'));
  });
});
