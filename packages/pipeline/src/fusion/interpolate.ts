import type { RankedList } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { assertRankedList, type ScoredList, sortScored } from '../ranked-list.js';

/**
 * How each input's scores are rescaled before they are combined, per query:
 * - `'none'`: raw scores;
 * - `'minmax'`: (s - min) / (max - min), in [0, 1];
 * - `'centered'`: (s - (min + max) / 2) / (max - min), in [-0.5, 0.5]: pyserini's `HybridSearcher`
 *   normalisation and the TAS-B paper's ensemble normalisation.
 * `minmax` and `centered` differ by a constant per input, so they give the same ranking.
 * When all of an input's scores are equal, `minmax` maps them to 1 and `centered` to 0.
 */
export type ScoreNormalization = 'none' | 'minmax' | 'centered';

/** Options of {@link interpolateScores}. */
export interface InterpolateOptions {
  /** Weight of each input (same order as the lists). Default: 1 each. */
  weights?: readonly number[];
  /** Score rescaling per input before weighting. Default `'minmax'`. */
  normalization?: ScoreNormalization;
  /** Length of the fused list. Default: every document seen. */
  limit?: number;
}

function rescaler(scores: ArrayLike<number>, normalization: ScoreNormalization): (score: number) => number {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < scores.length; i++) {
    min = Math.min(min, scores[i] as number);
    max = Math.max(max, scores[i] as number);
  }
  const range = max - min;
  if (normalization === 'none') return (s) => s;
  if (normalization === 'minmax') return range > 0 ? (s) => (s - min) / range : () => 1;
  const mid = (min + max) / 2;
  return range > 0 ? (s) => (s - mid) / range : () => 0;
}

/**
 * Weighted score interpolation of several ranked lists of one query: a document scores
 * sum_i w_i * norm_i(s_i), where a document missing from input i takes that input's lowest score
 * (pyserini's `HybridSearcher` rule). pyserini's `alpha * sparse + dense` with `normalization=True` is
 * `interpolateScores([sparse, dense], { weights: [alpha, 1], normalization: 'centered' })`.
 *
 * @example
 * ```ts
 * const hybrid = interpolateScores([bm25List, denseList], { weights: [0.3, 1], normalization: 'minmax' });
 * ```
 */
export function interpolateScores(
  lists: readonly RankedList[],
  options: InterpolateOptions = {},
): ScoredList {
  const normalization = options.normalization ?? 'minmax';
  if (options.weights && options.weights.length !== lists.length) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${options.weights.length} weights for ${lists.length} ranked lists`,
      { where: { field: 'weights' } },
    );
  }
  const lookups = lists.map((list, index) => {
    assertRankedList(list, `ranked list ${index}`);
    const byId = new Map<string, number>();
    let min = Number.POSITIVE_INFINITY;
    list.ids.forEach((id, i) => {
      const score = list.scores[i] as number;
      byId.set(id, score);
      min = Math.min(min, score);
    });
    return { byId, min: list.ids.length > 0 ? min : 0, rescale: rescaler(list.scores, normalization) };
  });
  const ids = new Set<string>();
  for (const list of lists) for (const id of list.ids) ids.add(id);
  const fusedIds = [...ids];
  const fusedScores = new Float64Array(fusedIds.length);
  fusedIds.forEach((id, position) => {
    let score = 0;
    lookups.forEach((lookup, index) => {
      const weight = options.weights?.[index] ?? 1;
      score += weight * lookup.rescale(lookup.byId.get(id) ?? lookup.min);
    });
    fusedScores[position] = score;
  });
  return sortScored(fusedIds, fusedScores, options.limit);
}
