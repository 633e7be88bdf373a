import type { DenseBatch } from '@retrievekit/core';
import { expect } from 'vitest';
import { clusteredVectors } from '../clustered-vectors.js';

/** Ids `doc-0`, `doc-1`, ... for the rows of a corpus. */
export function rowIds(rows: number, prefix = 'doc'): string[] {
  return Array.from({ length: rows }, (_, row) => `${prefix}-${row}`);
}

/** Rows `start..end-1` of `batch` as a new batch (a copy). */
export function sliceRows(batch: DenseBatch, start: number, end: number): DenseBatch {
  return { data: batch.data.slice(start * batch.dim, end * batch.dim), rows: end - start, dim: batch.dim };
}

/** A small corpus with an awkward dimension (not a multiple of 4) and row count (odd). */
export function smallCorpus(seed = 3): { corpus: DenseBatch; queries: DenseBatch; ids: string[] } {
  const corpus = clusteredVectors({ rows: 1001, dim: 37, clusters: 20, seed });
  const queries = clusteredVectors({ rows: 9, dim: 37, clusters: 20, seed: seed + 100 });
  return { corpus, queries, ids: rowIds(corpus.rows) };
}

/**
 * Awaits `action` and asserts it rejects with a retrievekit error of `code` whose message matches
 * every pattern.
 */
export async function expectError(
  action: Promise<unknown>,
  code: string,
  ...patterns: RegExp[]
): Promise<void> {
  let caught: unknown;
  try {
    await action;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ${code} error`).toBeInstanceOf(Error);
  expect((caught as { code?: string }).code).toBe(code);
  for (const pattern of patterns) expect((caught as Error).message).toMatch(pattern);
}
