import type { DenseBatch } from '@retrievekit/core';
import { expect } from 'vitest';
import { type ReferenceHits, referenceScore } from '../brute-force.js';
import type { StoreMetric } from '../store-types.js';

/** The scale of scores of query `q` against `corpus`: what a relative tolerance multiplies. */
export function scoreScale(metric: StoreMetric, queries: DenseBatch, q: number, corpus: DenseBatch): number {
  if (metric === 'cosine') return 1;
  const norm = (batch: DenseBatch, row: number) =>
    Math.sqrt(Math.max(0, referenceScore('dot', batch, row, batch, row)));
  let maxNorm = 0;
  for (let x = 0; x < corpus.rows; x++) maxNorm = Math.max(maxNorm, norm(corpus, x));
  const queryNorm = norm(queries, q);
  return metric === 'dot' ? queryNorm * maxNorm : (queryNorm + maxNorm) ** 2;
}

/** Context of {@link exactTopKViolations}. */
export interface ExactCheckContext {
  readonly metric: StoreMetric;
  readonly queries: DenseBatch;
  readonly q: number;
  readonly corpus: DenseBatch;
  readonly tolerance: number;
}

/**
 * What is wrong (empty when nothing) with one query's result as an exact top-k: length differs from
 * the reference, duplicate ids, scores not non-increasing or unequal to the reference's score at a rank,
 * a returned score that is not the score of the returned id's vector, or an id below the reference's
 * k-th score. Ties may come in any order.
 */
export function exactTopKViolations(
  result: { ids: readonly string[]; scores: Float32Array },
  reference: ReferenceHits,
  rowOf: ReadonlyMap<string, number>,
  context: ExactCheckContext,
): string[] {
  const { metric, queries, q, corpus, tolerance } = context;
  const problems: string[] = [];
  if (result.ids.length !== reference.rows.length) {
    problems.push(`query ${q}: ${result.ids.length} results, expected ${reference.rows.length}`);
  }
  if (result.scores.length !== result.ids.length) problems.push(`query ${q}: ids and scores lengths differ`);
  if (new Set(result.ids).size !== result.ids.length) problems.push(`query ${q}: duplicate ids`);
  const kth = reference.scores[reference.scores.length - 1] ?? Number.NEGATIVE_INFINITY;
  result.ids.forEach((id, rank) => {
    const score = result.scores[rank] as number;
    if (rank > 0 && score > (result.scores[rank - 1] as number))
      problems.push(`query ${q} rank ${rank}: score increases`);
    const expected = reference.scores[rank] ?? Number.NaN;
    if (!(Math.abs(score - expected) <= tolerance)) {
      problems.push(`query ${q} rank ${rank}: score ${score}, reference ${expected}`);
    }
    const row = rowOf.get(id);
    if (row === undefined || row >= corpus.rows) {
      problems.push(`query ${q} rank ${rank}: id ${id} is not in the corpus`);
      return;
    }
    const truth = referenceScore(metric, queries, q, corpus, row);
    if (!(Math.abs(score - truth) <= tolerance))
      problems.push(`query ${q} rank ${rank}: ${id} scored ${score}, its vector gives ${truth}`);
    if (truth < kth - 2 * tolerance)
      problems.push(`query ${q} rank ${rank}: ${id} (${truth}) is below the k-th score ${kth}`);
  });
  return problems;
}

/** Asserts that {@link exactTopKViolations} finds nothing wrong. */
export function expectExactTopK(
  result: { ids: readonly string[]; scores: Float32Array },
  reference: ReferenceHits,
  corpusIds: readonly string[],
  context: ExactCheckContext,
): void {
  const rowOf = new Map(corpusIds.map((id, row) => [id, row]));
  expect(exactTopKViolations(result, reference, rowOf, context)).toEqual([]);
}
