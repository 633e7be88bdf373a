/**
 * A bounded min-heap keeping the `k` best (document, score) pairs under a strict total order:
 * higher score first, then lower `tieRank` (the document's position in the tie-break order).
 * Because the order is total, the kept set does not depend on the order documents are offered in.
 */
export class TopK {
  readonly capacity: number;
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private readonly tieRank: Uint32Array;
  private size = 0;

  constructor(capacity: number, tieRank: Uint32Array) {
    this.capacity = capacity;
    this.docs = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.tieRank = tieRank;
  }

  /** The score a new document must reach (ties resolved by rank); -Infinity until the heap is full. */
  threshold(): number {
    return this.size < this.capacity ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  private worse(i: number, j: number): boolean {
    const si = this.scores[i] as number;
    const sj = this.scores[j] as number;
    if (si !== sj) return si < sj;
    return (
      (this.tieRank[this.docs[i] as number] as number) > (this.tieRank[this.docs[j] as number] as number)
    );
  }

  private swap(i: number, j: number): void {
    const d = this.docs[i] as number;
    const s = this.scores[i] as number;
    this.docs[i] = this.docs[j] as number;
    this.scores[i] = this.scores[j] as number;
    this.docs[j] = d;
    this.scores[j] = s;
  }

  private siftDown(start: number): void {
    let i = start;
    while (true) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  /** Offers a document; returns true when it was kept. */
  offer(doc: number, score: number): boolean {
    if (this.capacity === 0) return false;
    if (this.size < this.capacity) {
      let i = this.size++;
      this.docs[i] = doc;
      this.scores[i] = score;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return true;
    }
    const top = this.scores[0] as number;
    if (score < top) return false;
    if (score === top && (this.tieRank[doc] as number) > (this.tieRank[this.docs[0] as number] as number))
      return false;
    this.docs[0] = doc;
    this.scores[0] = score;
    this.siftDown(0);
    return true;
  }

  /** The kept documents, best first. Empties the heap. */
  drain(): { docs: Int32Array; scores: Float64Array } {
    const n = this.size;
    const docs = new Int32Array(n);
    const scores = new Float64Array(n);
    for (let out = n - 1; out >= 0; out--) {
      docs[out] = this.docs[0] as number;
      scores[out] = this.scores[0] as number;
      this.size--;
      if (this.size > 0) {
        this.docs[0] = this.docs[this.size] as number;
        this.scores[0] = this.scores[this.size] as number;
        this.siftDown(0);
      }
    }
    return { docs, scores };
  }
}
