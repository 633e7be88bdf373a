import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { writeFileAtomic } from '@retrievekit/core/node';
import { synthesizeTokenizerJson } from './synthesize.js';
import type { BertTokenizerJson } from './tokenizer-json-types.js';

async function readOptionalJson(path: string): Promise<Record<string, unknown> | undefined> {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new RetrievekitError('PARSE_ERROR', 'not valid JSON', { where: { file: path }, cause });
  }
}

/**
 * Synthesises `tokenizer.json` for a model folder that has `vocab.txt` (+ optional
 * `tokenizer_config.json`, `special_tokens_map.json`) but no `tokenizer.json`, see
 * {@link synthesizeTokenizerJson}. With `write: true` the result is saved atomically as
 * `<dir>/tokenizer.json`. An existing tokenizer.json is never overwritten: it is read and returned with
 * `synthesized: false`.
 *
 * @throws `NOT_FOUND` when the folder has neither tokenizer.json nor vocab.txt
 */
export async function ensureTokenizerJson(
  dir: string,
  options: { write?: boolean } = {},
): Promise<{ tokenizerJson: object; synthesized: boolean }> {
  const target = join(dir, 'tokenizer.json');
  const existing = await readOptionalJson(target);
  if (existing !== undefined) return { tokenizerJson: existing, synthesized: false };
  const vocabPath = join(dir, 'vocab.txt');
  if (!existsSync(vocabPath)) {
    throw new RetrievekitError('NOT_FOUND', 'folder has neither tokenizer.json nor vocab.txt', {
      where: { file: dir },
      hint: 'download tokenizer.json or vocab.txt (+ tokenizer_config.json) from the model repository',
    });
  }
  const json: BertTokenizerJson = synthesizeTokenizerJson({
    vocab: await readFile(vocabPath, 'utf8'),
    tokenizerConfig: await readOptionalJson(join(dir, 'tokenizer_config.json')),
    specialTokensMap: await readOptionalJson(join(dir, 'special_tokens_map.json')),
  });
  if (options.write === true) await writeFileAtomic(target, JSON.stringify(json, null, 2));
  return { tokenizerJson: json, synthesized: true };
}
