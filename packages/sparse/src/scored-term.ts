/**
 * One query term ready for evaluation: its posting list (increasing internal document numbers), a
 * function giving the score contribution of the posting at a position, and an upper bound of those
 * contributions (used for MaxScore pruning; it must never be below a real contribution).
 */
export interface ScoredTerm {
  /** Internal document numbers, strictly increasing. */
  readonly docs: Uint32Array;
  /** Contribution of the posting at `position` (an index into `docs`). */
  score(position: number): number;
  /** Largest value `score` can return for this term. */
  readonly maxScore: number;
}

/** How per-term contributions (summed in float64, in query-term order) become the final score. */
export type ScoreFinisher = (sum: number) => number;

/** First position `>= from` whose document is `>= target` (galloping then binary search). */
export function advanceTo(docs: Uint32Array, from: number, target: number): number {
  const n = docs.length;
  if (from >= n || (docs[from] as number) >= target) return from;
  let step = 1;
  let low = from;
  let high = from + step;
  while (high < n && (docs[high] as number) < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  if (high > n) high = n;
  // invariant: docs[low] < target, docs[high] >= target (or high == n)
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if ((docs[mid] as number) < target) low = mid;
    else high = mid;
  }
  return high;
}
