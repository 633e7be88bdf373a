/**
 * Posting lists of all terms in three flat typed arrays: term `t` owns positions
 * `offsets[t] .. offsets[t + 1]` of `docs` (increasing internal document numbers) and `values`
 * (term frequencies for BM25, integer impacts for learned sparse vectors).
 */
export interface PostingLists {
  /** `numTerms + 1` start positions. */
  readonly offsets: Float64Array;
  readonly docs: Uint32Array;
  /** 16-bit when every value fits, else 32-bit. */
  readonly values: Uint16Array | Uint32Array;
}

/** Accumulates postings per term (documents must be added in increasing order) and flattens them. */
export class PostingListsBuilder {
  private docs: Uint32Array[] = [];
  private values: Uint32Array[] = [];
  private lengths: number[] = [];
  private total = 0;
  private maxValue = 0;

  /** Number of postings added so far. */
  get size(): number {
    return this.total;
  }

  /** Appends (doc, value) to the list of `term`; terms are dense ids 0, 1, 2, ... */
  add(term: number, doc: number, value: number): void {
    while (this.docs.length <= term) {
      this.docs.push(new Uint32Array(4));
      this.values.push(new Uint32Array(4));
      this.lengths.push(0);
    }
    const n = this.lengths[term] as number;
    let docs = this.docs[term] as Uint32Array;
    let values = this.values[term] as Uint32Array;
    if (n === docs.length) {
      const grownDocs = new Uint32Array(n * 2);
      grownDocs.set(docs);
      const grownValues = new Uint32Array(n * 2);
      grownValues.set(values);
      this.docs[term] = docs = grownDocs;
      this.values[term] = values = grownValues;
    }
    docs[n] = doc;
    values[n] = value;
    this.lengths[term] = n + 1;
    this.total++;
    if (value > this.maxValue) this.maxValue = value;
  }

  /** Flattens into {@link PostingLists} for `numTerms` terms and releases the per-term buffers. */
  build(numTerms: number): PostingLists {
    const offsets = new Float64Array(numTerms + 1);
    const docs = new Uint32Array(this.total);
    const values = this.maxValue <= 0xffff ? new Uint16Array(this.total) : new Uint32Array(this.total);
    let at = 0;
    for (let t = 0; t < numTerms; t++) {
      offsets[t] = at;
      const n = this.lengths[t] ?? 0;
      if (n > 0) {
        docs.set((this.docs[t] as Uint32Array).subarray(0, n), at);
        values.set((this.values[t] as Uint32Array).subarray(0, n), at);
      }
      at += n;
    }
    offsets[numTerms] = at;
    this.docs = [];
    this.values = [];
    this.lengths = [];
    return { offsets, docs, values };
  }
}
