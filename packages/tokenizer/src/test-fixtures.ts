// Shared test data for this package's tests (not exported from the package).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateTokenizerOptions, RetrievekitTokenizer } from './create-tokenizer.js';
import { createTokenizer } from './create-tokenizer.js';
import { passageText } from './text-input.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `../shared` relative to the repository root. */
export const sharedDir = resolve(repoRoot, '../shared');

/** The real TAS-B tokenizer folder. */
export const tasbDir = join(sharedDir, 'models/tas-b-tokenizer-config');

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Parsed tokenizer.json and tokenizer_config.json of TAS-B. */
export function tasbFiles(): {
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
} {
  return {
    tokenizerJson: readJson(join(tasbDir, 'tokenizer.json')),
    tokenizerConfig: readJson(join(tasbDir, 'tokenizer_config.json')),
  };
}

/** A TAS-B tokenizer. */
export function tasbTokenizer(
  options: Omit<CreateTokenizerOptions, 'tokenizerJson' | 'tokenizerConfig'> = {},
): RetrievekitTokenizer {
  return createTokenizer({ ...tasbFiles(), ...options });
}

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** SciFact passages as the BEIR dense models see them (`title + " " + text`) and queries. */
export function scifactTexts(): { passages: string[]; queries: string[] } {
  const corpus = readJsonl(join(sharedDir, 'data/scifact/corpus.jsonl'));
  const queries = readJsonl(join(sharedDir, 'data/scifact/queries.jsonl'));
  return {
    passages: corpus.map((doc) => passageText({ title: String(doc.title ?? ''), text: String(doc.text) })),
    queries: queries.map((q) => String(q.text)),
  };
}
