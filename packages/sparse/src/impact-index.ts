import type { RankedList } from '@retrievekit/core';
import { RetrievekitError, type SparseVector } from '@retrievekit/core';
import { tieBreakRanks } from './doc-table.js';
import { exhaustiveSearch } from './exhaustive-search.js';
import { maxScoreSearch } from './max-score-search.js';
import type { PostingLists } from './posting-lists.js';
import type { ScoredTerm } from './scored-term.js';
import { resolveK, type SearchOptions } from './search-options.js';
import { TopK } from './top-k.js';

/** Everything an impact index consists of (what is persisted). */
export interface ImpactIndexData {
  readonly docIds: readonly string[];
  /** Vocabulary id of each internal term. */
  readonly termIds: Uint32Array;
  /** Integer impacts `round(w * scale)` per posting. */
  readonly postings: PostingLists;
  /** Document weight scale (default 100). */
  readonly scale: number;
}

/** Options of {@link ImpactIndex.search}. */
export interface ImpactSearchOptions extends SearchOptions {
  /** Query weights are quantised as `round(q * queryScale)`. Default 100 (as documents). */
  queryScale?: number;
}

const identity = (sum: number): number => sum;

class ImpactTermScorer implements ScoredTerm {
  readonly maxScore: number;
  constructor(
    readonly docs: Uint32Array,
    private readonly impacts: Uint16Array | Uint32Array,
    private readonly weight: number,
    maxImpact: number,
  ) {
    this.maxScore = weight * maxImpact;
  }
  score(p: number): number {
    return this.weight * (this.impacts[p] as number);
  }
}

/** Checks a sparse vector: increasing indices, finite non-negative values. */
export function checkSparseVector(vector: SparseVector, what: string, index?: number): void {
  const where = index === undefined ? {} : { index };
  if (vector.indices.length !== vector.values.length) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${what}: ${vector.indices.length} indices but ${vector.values.length} values`,
      { where },
    );
  }
  for (let i = 0; i < vector.values.length; i++) {
    const v = vector.values[i] as number;
    if (!Number.isFinite(v))
      throw new RetrievekitError('NON_FINITE', `${what}: weight ${v} at position ${i}`, { where });
    if (v < 0) {
      throw new RetrievekitError('INVALID_ARGUMENT', `${what}: negative weight ${v} at position ${i}`, {
        where,
        hint: 'impact search needs non-negative weights (SPLADE weights are log(1 + ReLU(x)) >= 0)',
      });
    }
    if (i > 0 && (vector.indices[i] as number) <= (vector.indices[i - 1] as number)) {
      throw new RetrievekitError(
        'INVALID_ARGUMENT',
        `${what}: indices not strictly increasing at position ${i}`,
        {
          where,
          hint: 'build vectors with createSparseVector',
        },
      );
    }
  }
}

/**
 * An immutable index of learned sparse vectors (SPLADE, uniCOIL) with integer impacts, Anserini style:
 * document weights are stored as `round(w * 100)`, query weights quantised as `round(q * 100)`, and a
 * document scores `sum(q_int * impact) / (100 * 100)`, an exact integer sum before the division, so
 * ties are exact and pruned search equals exhaustive search. Ties: collection id, byte order ascending.
 */
export class ImpactIndex {
  readonly data: ImpactIndexData;
  private readonly termOf = new Map<number, number>();
  private readonly tieRank: Uint32Array;
  private readonly maxImpact: Uint32Array;

  constructor(data: ImpactIndexData) {
    this.data = data;
    for (let term = 0; term < data.termIds.length; term++)
      this.termOf.set(data.termIds[term] as number, term);
    this.tieRank = tieBreakRanks(data.docIds);
    const { offsets, values } = data.postings;
    this.maxImpact = new Uint32Array(data.termIds.length);
    for (let t = 0; t < data.termIds.length; t++) {
      let best = 0;
      for (let p = offsets[t] as number; p < (offsets[t + 1] as number); p++)
        if ((values[p] as number) > best) best = values[p] as number;
      this.maxImpact[t] = best;
    }
  }

  /** Number of documents. */
  get numDocs(): number {
    return this.data.docIds.length;
  }

  /** Document frequency of vocabulary id `vocabId` (0 when absent). */
  docFreq(vocabId: number): number {
    const t = this.termOf.get(vocabId);
    return t === undefined
      ? 0
      : (this.data.postings.offsets[t + 1] as number) - (this.data.postings.offsets[t] as number);
  }

  /**
   * The FLOPS statistic of the index: `sum over terms of (df / N)^2`, the expected number of posting
   * multiplications per query-document pair when queries use terms like documents do (Paria et al. 2020).
   */
  flops(): number {
    const n = this.numDocs;
    if (n === 0) return 0;
    const { offsets } = this.data.postings;
    let sum = 0;
    for (let t = 0; t < this.data.termIds.length; t++) {
      const p = ((offsets[t + 1] as number) - (offsets[t] as number)) / n;
      sum += p * p;
    }
    return sum;
  }

  /** FLOPS against real queries: `sum_j p_j^q * p_j^d` (p = fraction of queries / documents using term j). */
  expectedFlops(queries: readonly SparseVector[]): number {
    if (queries.length === 0 || this.numDocs === 0) return 0;
    const queryCounts = new Map<number, number>();
    for (const q of queries)
      for (let i = 0; i < q.indices.length; i++) {
        if ((q.values[i] as number) !== 0)
          queryCounts.set(q.indices[i] as number, (queryCounts.get(q.indices[i] as number) ?? 0) + 1);
      }
    let sum = 0;
    for (const [vocabId, count] of queryCounts)
      sum += (count / queries.length) * (this.docFreq(vocabId) / this.numDocs);
    return sum;
  }

  /** The top `k` documents for a sparse query vector (empty list when no query term is indexed). */
  search(query: SparseVector, options: ImpactSearchOptions = {}): RankedList {
    checkSparseVector(query, 'query');
    const queryScale = options.queryScale ?? 100;
    const k = resolveK(options.k, this.numDocs);
    const { offsets, docs, values } = this.data.postings;
    const scorers: ScoredTerm[] = [];
    for (let i = 0; i < query.indices.length; i++) {
      const t = this.termOf.get(query.indices[i] as number);
      const weight = Math.round((query.values[i] as number) * queryScale);
      if (t === undefined || weight === 0) continue;
      const start = offsets[t] as number;
      const end = offsets[t + 1] as number;
      scorers.push(
        new ImpactTermScorer(
          docs.subarray(start, end),
          values.subarray(start, end),
          weight,
          this.maxImpact[t] as number,
        ),
      );
    }
    const top = new TopK(k, this.tieRank);
    if (options.exhaustive) exhaustiveSearch(scorers, this.numDocs, identity, top);
    else maxScoreSearch(scorers, identity, top);
    const drained = top.drain();
    const divisor = queryScale * this.data.scale;
    return {
      ids: Array.from(drained.docs, (doc) => this.data.docIds[doc] as string),
      scores: drained.scores.map((s) => s / divisor),
    };
  }
}
