import type { RankedList } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { assertRankedList, type ScoredList, sortScored } from '../ranked-list.js';

/** Options of {@link reciprocalRankFusion}. */
export interface ReciprocalRankOptions {
  /** The RRF constant: a document at rank r (1-based) contributes 1 / (k + r). Default 60. */
  k?: number;
  /** Only the first `depth` results of each input count. Default: all. */
  depth?: number;
  /** Length of the fused list. Default: every document seen. */
  limit?: number;
  /** Weight of each input list (same order). Default: 1 each. */
  weights?: readonly number[];
}

/**
 * Reciprocal rank fusion (Cormack, Clarke & Buettcher, SIGIR 2009): each document scores
 * sum_i w_i / (k + rank_i), over the inputs that retrieved it. Each input is first put in trec_eval's
 * order (score descending, ties by id descending), so ranks mean what an evaluator sees.
 *
 * @example
 * ```ts
 * const fused = reciprocalRankFusion([bm25List, denseList], { k: 60, limit: 1000 });
 * ```
 */
export function reciprocalRankFusion(
  lists: readonly RankedList[],
  options: ReciprocalRankOptions = {},
): ScoredList {
  const k = options.k ?? 60;
  const depth = options.depth ?? Number.POSITIVE_INFINITY;
  if (!(k >= 0) || !Number.isFinite(k)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `RRF constant k must be a finite number >= 0, got ${k}`, {
      where: { field: 'k' },
    });
  }
  if (options.weights && options.weights.length !== lists.length) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${options.weights.length} weights for ${lists.length} ranked lists`,
      { where: { field: 'weights' } },
    );
  }
  const fused = new Map<string, number>();
  lists.forEach((list, listIndex) => {
    assertRankedList(list, `ranked list ${listIndex}`);
    const weight = options.weights?.[listIndex] ?? 1;
    const sorted = sortScored(list.ids, list.scores, depth);
    sorted.ids.forEach((id, position) => {
      fused.set(id, (fused.get(id) ?? 0) + weight / (k + position + 1));
    });
  });
  return sortScored([...fused.keys()], [...fused.values()], options.limit);
}
