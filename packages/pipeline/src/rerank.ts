import type { Passage, Query, RankedList, RetrieveOptions, Retriever } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { sortScored } from './ranked-list.js';

/** Scores first-stage candidates of one query: a BERT_Dot model, a cross-encoder, anything. */
export interface CandidateScorer {
  /** Name used in the re-ranker's run tag, e.g. `'tas-b'`. */
  readonly name: string;
  /** One score per candidate id, in the order of `ids`; higher is better. */
  scoreCandidates(
    query: Query,
    ids: readonly string[],
    options?: { signal?: AbortSignal },
  ): Promise<ArrayLike<number>>;
}

/** Fetches passages by id (a docstore, a Map, a database); must return them in the order of `ids`. */
export type PassageLookup = (ids: readonly string[]) => Promise<readonly Passage[]>;

/**
 * Makes a {@link CandidateScorer} from a passage lookup and a function that scores passage texts
 * (a cross-encoder's `score(query, passages)`, or a dense encoder's query-passage dot products).
 */
export function createTextScorer(
  name: string,
  lookup: PassageLookup,
  scoreTexts: (
    query: Query,
    passages: readonly Passage[],
    signal?: AbortSignal,
  ) => Promise<ArrayLike<number>>,
): CandidateScorer {
  return {
    name,
    async scoreCandidates(query, ids, options) {
      const passages = await lookup(ids);
      if (passages.length !== ids.length) {
        throw new RetrievekitError(
          'NOT_FOUND',
          `passage lookup returned ${passages.length} of ${ids.length} passages`,
          {
            hint: 'the lookup must return one passage per id, in order',
          },
        );
      }
      passages.forEach((passage, index) => {
        if (passage.id !== ids[index]) {
          throw new RetrievekitError(
            'NOT_FOUND',
            `passage lookup returned "${passage.id}" for id "${ids[index]}"`,
            {
              where: { index },
            },
          );
        }
      });
      return scoreTexts(query, passages, options?.signal);
    },
  };
}

/** Options of {@link createRerankRetriever}. */
export interface RerankOptions {
  /** The first stage, e.g. BM25. */
  firstStage: Retriever;
  /** Re-scores the first stage's candidates. */
  scorer: CandidateScorer;
  /** How many first-stage candidates are re-scored per query. Default 1000. */
  depth?: number;
  /** Run tag. Default `'<firstStage>>><scorer>'`. */
  name?: string;
}

/**
 * Re-ranking: the first stage retrieves `depth` candidates per query and the scorer re-orders them
 * (the seed papers' "re-rank a candidate set" setting: BM25 top 1000 re-scored by a BERT_Dot model).
 * Only first-stage candidates can be returned.
 *
 * @example
 * ```ts
 * const reranker = createRerankRetriever({ firstStage: bm25, scorer: tasbScorer, depth: 1000 });
 * const [list] = await reranker.retrieve([{ id: 'q1', text: 'what is wifi' }], { k: 10 });
 * ```
 */
export function createRerankRetriever(options: RerankOptions): Retriever {
  const depth = options.depth ?? 1000;
  if (!Number.isInteger(depth) || depth <= 0) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `re-ranking depth must be a positive integer, got ${depth}`,
      {
        where: { field: 'depth' },
      },
    );
  }
  return {
    name: options.name ?? `${options.firstStage.name}>>${options.scorer.name}`,
    async retrieve(queries: readonly Query[], retrieveOptions: RetrieveOptions = {}): Promise<RankedList[]> {
      const k = retrieveOptions.k ?? depth;
      const signal = retrieveOptions.signal;
      const candidates = await options.firstStage.retrieve(queries, { k: depth, signal });
      const results: RankedList[] = [];
      for (let q = 0; q < queries.length; q++) {
        throwIfAborted(signal, 're-ranking');
        const query = queries[q] as Query;
        const ids = (candidates[q]?.ids ?? []).slice(0, depth);
        if (ids.length === 0) {
          results.push({ ids: [], scores: new Float64Array(0) });
          continue;
        }
        const scores = await options.scorer.scoreCandidates(query, ids, { signal });
        if (scores.length !== ids.length) {
          throw new RetrievekitError(
            'RUNTIME',
            `scorer "${options.scorer.name}" returned ${scores.length} scores for ${ids.length} candidates`,
            { where: { field: query.id } },
          );
        }
        results.push(sortScored(ids, scores, k));
      }
      return results;
    },
  };
}
