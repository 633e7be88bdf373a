import { advanceTo, type ScoredTerm, type ScoreFinisher } from './scored-term.js';
import type { TopK } from './top-k.js';

/** Slack on upper bounds so float64 summation order can never make a bound too small. */
const SLACK = 1 + 1e-9;

/**
 * Document-at-a-time top-k evaluation with MaxScore dynamic pruning (Turtle & Flood 1995).
 *
 * Terms are ordered by their score bound; once the heap threshold exceeds the summed bounds of the
 * weakest terms, those become "non-essential": documents are only generated from the essential
 * terms, and non-essential postings are looked up (skipping ahead) only while the document can still
 * enter the heap. A document is dropped only when its bound is strictly below the threshold, so
 * documents that would tie with the last kept one are still scored and the tie order is preserved.
 * Contributions are summed in query-term order, exactly as {@link exhaustiveSearch} does, so pruned and
 * exhaustive results are identical, ties included.
 */
export function maxScoreSearch(terms: readonly ScoredTerm[], finish: ScoreFinisher, top: TopK): void {
  const n = terms.length;
  if (n === 0 || top.capacity === 0) return;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (terms[a] as ScoredTerm).maxScore - (terms[b] as ScoredTerm).maxScore || a - b,
  );
  const bound = new Float64Array(n); // bound[r]: summed maxScore of order[0..r], with slack
  let running = 0;
  for (let r = 0; r < n; r++) {
    running += (terms[order[r] as number] as ScoredTerm).maxScore;
    bound[r] = running * SLACK;
  }
  const position = new Int32Array(n);
  const contribution = new Float64Array(n);
  const matched = new Uint8Array(n);
  let threshold = top.threshold();
  let firstEssential = 0;

  while (true) {
    let doc = 0xffffffff;
    for (let r = firstEssential; r < n; r++) {
      const t = order[r] as number;
      const docs = (terms[t] as ScoredTerm).docs;
      const p = position[t] as number;
      if (p < docs.length && (docs[p] as number) < doc) doc = docs[p] as number;
    }
    if (doc === 0xffffffff) return;

    matched.fill(0);
    let partial = 0;
    for (let r = firstEssential; r < n; r++) {
      const t = order[r] as number;
      const term = terms[t] as ScoredTerm;
      const p = position[t] as number;
      if (p < term.docs.length && term.docs[p] === doc) {
        const c = term.score(p);
        contribution[t] = c;
        matched[t] = 1;
        partial += c;
        position[t] = p + 1;
      }
    }
    let pruned = false;
    for (let r = firstEssential - 1; r >= 0; r--) {
      if (finish(partial * SLACK + (bound[r] as number)) < threshold) {
        pruned = true;
        break;
      }
      const t = order[r] as number;
      const term = terms[t] as ScoredTerm;
      const p = advanceTo(term.docs, position[t] as number, doc);
      position[t] = p;
      if (p < term.docs.length && term.docs[p] === doc) {
        const c = term.score(p);
        contribution[t] = c;
        matched[t] = 1;
        partial += c;
      }
    }
    if (pruned) continue;
    let sum = 0;
    for (let t = 0; t < n; t++) if (matched[t] === 1) sum += contribution[t] as number;
    if (top.offer(doc, finish(sum))) {
      threshold = top.threshold();
      while (firstEssential < n && finish(bound[firstEssential] as number) < threshold) firstEssential++;
    }
  }
}
