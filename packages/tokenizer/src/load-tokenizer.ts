import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import type { CreateTokenizerOptions, RetrievekitTokenizer } from './create-tokenizer.js';
import { createTokenizer } from './create-tokenizer.js';

async function readJson(file: string, required: boolean): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new RetrievekitError('NOT_FOUND', 'the model folder has no tokenizer.json', {
        where: { file },
        hint: 'checkpoints that ship only vocab.txt (like the original TAS-B repo) need a tokenizer.json: @retrievekit/models can synthesise one from vocab.txt and tokenizer_config.json',
        cause: error,
      });
    }
    throw new RetrievekitError('RUNTIME', `cannot read ${file}: ${(error as Error).message}`, {
      where: { file },
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RetrievekitError('PARSE_ERROR', `not valid JSON: ${(error as Error).message}`, {
      where: { file },
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RetrievekitError('PARSE_ERROR', 'expected a JSON object', { where: { file } });
  }
  return parsed as Record<string, unknown>;
}

/**
 * Loads a tokenizer from a model folder: `tokenizer.json` (required), `tokenizer_config.json` and
 * `special_tokens_map.json` (optional; the config's entries win over the map's).
 *
 * @example
 * ```ts
 * const tokenizer = await loadTokenizer('models/msmarco-distilbert-base-tas-b', {
 *   maxLength: { query: 30, passage: 200 },
 * });
 * ```
 */
export async function loadTokenizer(
  dir: string,
  options: Pick<CreateTokenizerOptions, 'maxLength'> = {},
): Promise<RetrievekitTokenizer> {
  const [tokenizerJson, tokenizerConfig, specialTokensMap] = await Promise.all([
    readJson(join(dir, 'tokenizer.json'), true),
    readJson(join(dir, 'tokenizer_config.json'), false),
    readJson(join(dir, 'special_tokens_map.json'), false),
  ]);
  if (tokenizerJson === undefined)
    throw new RetrievekitError('NOT_FOUND', 'no tokenizer.json', { where: { file: dir } });
  return createTokenizer({
    ...options,
    tokenizerJson,
    tokenizerConfig: { ...specialTokensMap, ...tokenizerConfig },
  });
}
