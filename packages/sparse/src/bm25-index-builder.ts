import { type LongTaskOptions, type Passage, RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { type Analyzer, createEnglishAnalyzer } from './analysis/english-analyzer.js';
import { Bm25Index } from './bm25-index.js';
import { ANSERINI_BM25, type Bm25Parameters } from './bm25-similarity.js';
import { DocTable } from './doc-table.js';
import { intToByte4 } from './norms.js';
import { PostingListsBuilder } from './posting-lists.js';

/** Options of {@link createBm25IndexBuilder}. */
export interface Bm25IndexOptions {
  /** BM25 k1. Default 0.9 (Anserini). */
  k1?: number;
  /** BM25 b. Default 0.4 (Anserini). */
  b?: number;
  /** Default: {@link createEnglishAnalyzer} (Anserini's default English analyzer). */
  analyzer?: Analyzer;
}

/** The text a passage is indexed by: `title + " " + text` (Anserini's BEIR "flat" layout), or `text`. */
export function flatText(passage: Passage): string {
  return passage.title ? `${passage.title} ${passage.text}` : passage.text;
}

/** Validates BM25 parameters (finite, k1 >= 0, 0 <= b <= 1). */
export function checkParameters(k1: number, b: number): Bm25Parameters {
  if (!Number.isFinite(k1) || k1 < 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `k1 must be a finite number >= 0, got ${k1}`, {
      where: { field: 'k1' },
    });
  }
  if (!Number.isFinite(b) || b < 0 || b > 1) {
    throw new RetrievekitError('INVALID_ARGUMENT', `b must be in [0, 1], got ${b}`, {
      where: { field: 'b' },
    });
  }
  return { k1, b };
}

/** Adds documents one by one or from a stream, then {@link Bm25IndexBuilder.build}s the index. */
export class Bm25IndexBuilder {
  private readonly docs = new DocTable();
  private readonly postings = new PostingListsBuilder();
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private lastDoc = new Int32Array(1024).fill(-1);
  private freq = new Uint32Array(1024);
  private readonly unique: number[] = [];
  private norms = new Uint8Array(1024);
  private sumTotalTermFreq = 0;
  private docCount = 0;
  private built = false;
  readonly parameters: Bm25Parameters;
  readonly analyzer: Analyzer;

  constructor(options: Bm25IndexOptions = {}) {
    this.parameters = checkParameters(options.k1 ?? ANSERINI_BM25.k1, options.b ?? ANSERINI_BM25.b);
    this.analyzer = options.analyzer ?? createEnglishAnalyzer();
  }

  /** Documents added so far. */
  get size(): number {
    return this.docs.ids.length;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      if (id >= this.lastDoc.length) {
        const lastDoc = new Int32Array(this.lastDoc.length * 2).fill(-1);
        lastDoc.set(this.lastDoc);
        this.lastDoc = lastDoc;
        const freq = new Uint32Array(this.freq.length * 2);
        freq.set(this.freq);
        this.freq = freq;
      }
    }
    return id;
  }

  /**
   * Indexes one passage (`title + " " + text`). A passage without any term (empty, only stop words)
   * is kept but can never be retrieved and does not count in the idf's N.
   * Throws `DUPLICATE_ID` when the id was added before.
   */
  add(passage: Passage): void {
    if (this.built)
      throw new RetrievekitError('INVALID_ARGUMENT', 'this builder has already built its index');
    if (typeof passage.text !== 'string') {
      throw new RetrievekitError('INVALID_ARGUMENT', `passage "${passage.id}" has no text string`, {
        where: { index: this.docs.ids.length, field: 'text' },
      });
    }
    const doc = this.docs.add(passage.id);
    const terms = this.analyzer.analyze(flatText(passage));
    this.unique.length = 0;
    for (const term of terms) {
      const id = this.termId(term);
      if (this.lastDoc[id] !== doc) {
        this.lastDoc[id] = doc;
        this.freq[id] = 1;
        this.unique.push(id);
      } else this.freq[id] = (this.freq[id] as number) + 1;
    }
    for (const id of this.unique) this.postings.add(id, doc, this.freq[id] as number);
    if (doc >= this.norms.length) {
      const norms = new Uint8Array(this.norms.length * 2);
      norms.set(this.norms);
      this.norms = norms;
    }
    this.norms[doc] = intToByte4(terms.length);
    this.sumTotalTermFreq += terms.length;
    if (terms.length > 0) this.docCount++;
  }

  /** Indexes a (possibly async) stream of passages; reports progress every 1,000 and honours `signal`. */
  async addAll(
    passages: Iterable<Passage> | AsyncIterable<Passage>,
    options: LongTaskOptions = {},
  ): Promise<void> {
    let done = 0;
    for await (const passage of passages) {
      if (done % 1000 === 0) {
        throwIfAborted(options.signal, 'BM25 indexing');
        options.onProgress?.({ done, unit: 'passages' });
      }
      this.add(passage);
      done++;
    }
    options.onProgress?.({ done, unit: 'passages' });
  }

  /** Freezes the postings into typed arrays and returns the searchable index. The builder is then spent. */
  build(): Bm25Index {
    this.built = true;
    const numDocs = this.docs.ids.length;
    return new Bm25Index(
      {
        docIds: this.docs.ids,
        terms: this.terms,
        postings: this.postings.build(this.terms.length),
        norms: this.norms.slice(0, numDocs),
        sumTotalTermFreq: this.sumTotalTermFreq,
        docCount: this.docCount,
        parameters: this.parameters,
      },
      this.analyzer,
    );
  }
}

/**
 * Starts a BM25 index (Anserini defaults: k1 0.9, b 0.4, Lucene English analyzer).
 *
 * @example
 * ```ts
 * const builder = createBm25IndexBuilder();
 * await builder.addAll(readPassages('corpus.jsonl'));
 * const index = builder.build();
 * index.search('how do vaccines work', { k: 10 });
 * ```
 */
export function createBm25IndexBuilder(options: Bm25IndexOptions = {}): Bm25IndexBuilder {
  return new Bm25IndexBuilder(options);
}
