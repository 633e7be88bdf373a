import type { RankedList } from '@retrievekit/core';
import { compareTrecOrder, RetrievekitError } from '@retrievekit/core';

/** A ranked list this package produced: ids best first, with float64 scores. */
export interface ScoredList extends RankedList {
  readonly ids: string[];
  readonly scores: Float64Array;
}

/**
 * Sorts (id, score) pairs into trec_eval's order (score descending, ties by id descending in byte order)
 * and keeps the first `k`. Written ranks then agree with what trec_eval evaluates.
 */
export function sortScored(
  ids: readonly string[],
  scores: ArrayLike<number>,
  k = Number.POSITIVE_INFINITY,
): ScoredList {
  const order = Array.from(ids.keys());
  order.sort((a, b) =>
    compareTrecOrder(scores[a] as number, ids[a] as string, scores[b] as number, ids[b] as string),
  );
  const size = Math.min(order.length, k);
  const outIds = new Array<string>(size);
  const outScores = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const from = order[i] as number;
    outIds[i] = ids[from] as string;
    outScores[i] = scores[from] as number;
  }
  return { ids: outIds, scores: outScores };
}

/** Checks a ranked list's shape: parallel arrays, finite scores, no duplicate ids. */
export function assertRankedList(list: RankedList, what: string): void {
  if (list.ids.length !== list.scores.length) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${what} has ${list.ids.length} ids but ${list.scores.length} scores`,
      { hint: 'ids[i] must be scored by scores[i]' },
    );
  }
  const seen = new Set<string>();
  for (let i = 0; i < list.ids.length; i++) {
    const id = list.ids[i] as string;
    if (seen.has(id)) {
      throw new RetrievekitError('DUPLICATE_ID', `${what} lists document "${id}" twice`, {
        where: { index: i },
      });
    }
    seen.add(id);
    if (!Number.isFinite(list.scores[i])) {
      throw new RetrievekitError('NON_FINITE', `${what} scores document "${id}" ${list.scores[i]}`, {
        where: { index: i },
      });
    }
  }
}
