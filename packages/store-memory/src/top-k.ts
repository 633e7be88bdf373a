/**
 * Bounded selection of the `k` largest scores: a binary min-heap in typed arrays whose root is the
 * current k-th best, so most candidates are rejected by a single comparison with {@link TopK.threshold}.
 */
export class TopK {
  readonly k: number;
  size = 0;
  /** Scores of the heap, root (worst kept) first. */
  readonly scores: Float32Array;
  /** Row numbers of the heap. */
  readonly rows: Int32Array;
  /** Score a candidate must exceed to enter once the heap is full (-Infinity until then). */
  threshold = Number.NEGATIVE_INFINITY;

  constructor(k: number) {
    this.k = k;
    this.scores = new Float32Array(k);
    this.rows = new Int32Array(k);
  }

  /** Offers a candidate. */
  push(score: number, row: number): void {
    const { scores, rows } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((scores[parent] as number) <= score) break;
        scores[i] = scores[parent] as number;
        rows[i] = rows[parent] as number;
        i = parent;
      }
      scores[i] = score;
      rows[i] = row;
      if (this.size === this.k) this.threshold = scores[0] as number;
      return;
    }
    if (!(score > this.threshold)) return;
    this.siftDownFromRoot(score, row, this.size);
    this.threshold = scores[0] as number;
  }

  /** Empties the heap into `(rows, scores)` sorted best-first; the heap is unusable afterwards. */
  drainSorted(): { rows: Int32Array; scores: Float32Array } {
    const n = this.size;
    const outRows = new Int32Array(n);
    const outScores = new Float32Array(n);
    for (let end = n - 1; end >= 0; end--) {
      outRows[end] = this.rows[0] as number;
      outScores[end] = this.scores[0] as number;
      const lastScore = this.scores[end] as number;
      const lastRow = this.rows[end] as number;
      if (end > 0) this.siftDownFromRoot(lastScore, lastRow, end);
    }
    this.size = 0;
    return { rows: outRows, scores: outScores };
  }

  private siftDownFromRoot(score: number, row: number, size: number): void {
    const { scores, rows } = this;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && (scores[child + 1] as number) < (scores[child] as number)) child++;
      if ((scores[child] as number) >= score) break;
      scores[i] = scores[child] as number;
      rows[i] = rows[child] as number;
      i = child;
    }
    scores[i] = score;
    rows[i] = row;
  }
}
