import type { ScoredTerm, ScoreFinisher } from './scored-term.js';
import type { TopK } from './top-k.js';

/**
 * Scores every document that contains at least one query term (term at a time, float64
 * accumulators, terms in query order) and offers each to `top`. The reference that pruned search
 * must agree with exactly.
 */
export function exhaustiveSearch(
  terms: readonly ScoredTerm[],
  numDocs: number,
  finish: ScoreFinisher,
  top: TopK,
): void {
  const sums = new Float64Array(numDocs);
  const touched = new Uint8Array(numDocs);
  for (const term of terms) {
    const docs = term.docs;
    for (let p = 0; p < docs.length; p++) {
      const doc = docs[p] as number;
      sums[doc] = (sums[doc] as number) + term.score(p);
      touched[doc] = 1;
    }
  }
  for (let doc = 0; doc < numDocs; doc++) {
    if (touched[doc] === 1) top.offer(doc, finish(sums[doc] as number));
  }
}
