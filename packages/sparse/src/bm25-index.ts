import {
  type Query,
  type RankedList,
  type RetrieveOptions,
  type Retriever,
  throwIfAborted,
} from '@retrievekit/core';
import type { Analyzer } from './analysis/english-analyzer.js';
import {
  averageLength,
  type Bm25Parameters,
  bm25Idf,
  bm25TermScore,
  normInverseCache,
} from './bm25-similarity.js';
import { tieBreakRanks } from './doc-table.js';
import { exhaustiveSearch } from './exhaustive-search.js';
import { maxScoreSearch } from './max-score-search.js';
import type { PostingLists } from './posting-lists.js';
import type { ScoredTerm } from './scored-term.js';
import { resolveK, type SearchOptions } from './search-options.js';
import { TopK } from './top-k.js';

const f = Math.fround;

/** Everything a BM25 index consists of (what is persisted). */
export interface Bm25IndexData {
  /** Collection ids by internal document number. */
  readonly docIds: readonly string[];
  /** Terms by term id. */
  readonly terms: readonly string[];
  readonly postings: PostingLists;
  /** Lucene norm byte (`intToByte4(length)`) of every document. */
  readonly norms: Uint8Array;
  /** Sum of all document lengths (exact). */
  readonly sumTotalTermFreq: number;
  /** Documents with at least one term (Lucene's `docCount`). */
  readonly docCount: number;
  readonly parameters: Bm25Parameters;
}

/** Size figures of an index. */
export interface Bm25IndexStats {
  /** Documents added, including ones without any term. */
  numDocs: number;
  /** Documents with at least one term (the N of idf). */
  docCount: number;
  numTerms: number;
  numPostings: number;
  /** Average document length in terms (float32, as Lucene). */
  avgdl: number;
}

class Bm25TermScorer implements ScoredTerm {
  readonly docs: Uint32Array;
  readonly maxScore: number;
  constructor(
    docs: Uint32Array,
    private readonly freqs: Uint16Array | Uint32Array,
    private readonly norms: Uint8Array,
    private readonly cache: Float32Array,
    private readonly weight: number,
    maxFreqNorm: number,
  ) {
    this.docs = docs;
    this.maxScore = bm25TermScore(weight, maxFreqNorm);
  }
  score(p: number): number {
    const w = this.weight;
    const x = f(
      (this.freqs[p] as number) * (this.cache[this.norms[this.docs[p] as number] as number] as number),
    );
    return f(w - f(w / f(1 + x)));
  }
}

/**
 * An immutable BM25 index scoring exactly like Anserini (Lucene `BM25Similarity`): lossy one-byte
 * length norms, float32 arithmetic, idf over documents with the field, a query term repeated n times
 * weighted n times (Anserini's bag-of-words query). Results: score descending, ties by collection id
 * in byte order ascending (Anserini's `BREAK_SCORE_TIES_BY_DOCID`).
 * Build one with {@link createBm25IndexBuilder}; persist with {@link saveBm25Index}.
 */
export class Bm25Index implements Retriever {
  /** Run tag. */
  readonly name = 'bm25';
  readonly data: Bm25IndexData;
  readonly analyzer: Analyzer;
  private readonly termIds = new Map<string, number>();
  private readonly tieRank: Uint32Array;
  private readonly cache: Float32Array;
  private readonly maxFreqNorm: Float32Array;

  constructor(data: Bm25IndexData, analyzer: Analyzer) {
    this.data = data;
    this.analyzer = analyzer;
    for (let id = 0; id < data.terms.length; id++) this.termIds.set(data.terms[id] as string, id);
    this.tieRank = tieBreakRanks(data.docIds);
    this.cache = normInverseCache(data.parameters, averageLength(data.sumTotalTermFreq, data.docCount));
    this.maxFreqNorm = new Float32Array(data.terms.length);
    const { offsets, docs, values } = data.postings;
    for (let t = 0; t < data.terms.length; t++) {
      let best = 0;
      for (let p = offsets[t] as number; p < (offsets[t + 1] as number); p++) {
        const x = f((values[p] as number) * (this.cache[data.norms[docs[p] as number] as number] as number));
        if (x > best) best = x;
      }
      this.maxFreqNorm[t] = best;
    }
  }

  /** Size figures. */
  get stats(): Bm25IndexStats {
    const d = this.data;
    return {
      numDocs: d.docIds.length,
      docCount: d.docCount,
      numTerms: d.terms.length,
      numPostings: d.postings.docs.length,
      avgdl: averageLength(d.sumTotalTermFreq, d.docCount),
    };
  }

  private scorers(text: string): ScoredTerm[] {
    const counts = new Map<number, number>();
    for (const term of this.analyzer.analyze(text)) {
      const id = this.termIds.get(term);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const { offsets, docs, values } = this.data.postings;
    const scorers: ScoredTerm[] = [];
    for (const [id, count] of counts) {
      const start = offsets[id] as number;
      const end = offsets[id + 1] as number;
      const weight = f(count * bm25Idf(end - start, this.data.docCount));
      scorers.push(
        new Bm25TermScorer(
          docs.subarray(start, end),
          values.subarray(start, end),
          this.data.norms,
          this.cache,
          weight,
          this.maxFreqNorm[id] as number,
        ),
      );
    }
    return scorers;
  }

  /**
   * The top `k` documents for a free-text query. Queries without any indexed term (empty, only stop
   * words, unknown words) give an empty list.
   *
   * @example
   * ```ts
   * const { ids, scores } = index.search('vitamin d deficiency', { k: 10 });
   * ```
   */
  search(text: string, options: SearchOptions = {}): RankedList {
    const k = resolveK(options.k, this.data.docIds.length);
    const top = new TopK(k, this.tieRank);
    const scorers = this.scorers(text);
    if (options.exhaustive) exhaustiveSearch(scorers, this.data.docIds.length, f, top);
    else maxScoreSearch(scorers, f, top);
    const { docs, scores } = top.drain();
    return {
      ids: Array.from(docs, (doc) => this.data.docIds[doc] as string),
      scores: Float32Array.from(scores),
    };
  }

  /** {@link Retriever} implementation: one ranked list per query, in order. */
  async retrieve(queries: readonly Query[], options: RetrieveOptions = {}): Promise<RankedList[]> {
    const lists: RankedList[] = [];
    for (const query of queries) {
      throwIfAborted(options.signal, 'BM25 retrieval');
      lists.push(this.search(query.text, options.k === undefined ? {} : { k: options.k }));
    }
    return lists;
  }
}
