import type { DenseBatch, Passage, Query } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { assertEncoded, type DenseTextEncoder } from './dense-retriever.js';
import type { CandidateScorer, PassageLookup } from './rerank.js';

/**
 * Fetches stored passage vectors by id, one row per id in the order of `ids` (a store-like lookup over
 * precomputed passage embeddings).
 */
export type PassageVectorLookup = (
  ids: readonly string[],
  options?: { signal?: AbortSignal },
) => Promise<DenseBatch>;

/** Where a {@link createDenseScorer} gets candidate vectors: stored vectors, or passages encoded on the fly. */
export type CandidateVectors =
  | {
      /** Precomputed passage vectors by id. */
      passageVectors: PassageVectorLookup;
    }
  | {
      /** The passage side of the model. */
      encodePassages: DenseTextEncoder;
      /** Fetches the candidates' passages by id. */
      lookup: PassageLookup;
      /** The text encoded for a passage. Default `title + ' ' + text` (BEIR's layout), or `text`. */
      passageText?: (passage: Passage) => string;
    };

/** Options of {@link createDenseScorer}. */
export type DenseScorerOptions = {
  /** Name used in the re-ranker's run tag, e.g. `'tas-b'`. */
  name: string;
  /** The query side of the model. */
  encodeQueries: DenseTextEncoder;
} & CandidateVectors;

function defaultPassageText(passage: Passage): string {
  return passage.title ? `${passage.title} ${passage.text}` : passage.text;
}

async function candidateVectors(
  options: DenseScorerOptions,
  ids: readonly string[],
  signal: AbortSignal | undefined,
): Promise<DenseBatch> {
  if ('passageVectors' in options) return options.passageVectors(ids, { signal });
  const passages = await options.lookup(ids);
  if (passages.length !== ids.length) {
    throw new RetrievekitError(
      'NOT_FOUND',
      `passage lookup returned ${passages.length} of ${ids.length} passages`,
      { hint: 'the lookup must return one passage per id, in order' },
    );
  }
  passages.forEach((passage, index) => {
    if (passage.id !== ids[index]) {
      throw new RetrievekitError(
        'NOT_FOUND',
        `passage lookup returned "${passage.id}" for id "${ids[index]}"`,
        { where: { index }, hint: 'the lookup must return one passage per id, in order' },
      );
    }
  });
  return options.encodePassages(passages.map(options.passageText ?? defaultPassageText), { signal });
}

/**
 * A BERT_Dot {@link CandidateScorer}: each candidate scores the dot product of the query vector with
 * its passage vector (accumulated in float64), the passage vectors either looked up by id from
 * precomputed embeddings or encoded from the passages' texts. Use it with `createRerankRetriever`.
 *
 * @example
 * ```ts
 * const scorer = createDenseScorer({ name: 'tas-b', encodeQueries, passageVectors: (ids) => vectorsOf(ids) });
 * const reranked = createRerankRetriever({ firstStage: bm25, scorer, depth: 100 });
 * ```
 */
export function createDenseScorer(options: DenseScorerOptions): CandidateScorer {
  return {
    name: options.name,
    async scoreCandidates(query: Query, ids: readonly string[], call = {}): Promise<Float64Array> {
      const signal = call.signal;
      throwIfAborted(signal, 'dense scoring');
      const encoded = await options.encodeQueries([query.text], { signal });
      const dim = encoded.dim;
      assertEncoded(encoded, 1, dim, `query encoder of "${options.name}"`);
      const scores = new Float64Array(ids.length);
      if (ids.length === 0) return scores;
      const passages = await candidateVectors(options, ids, signal);
      assertEncoded(passages, ids.length, dim, `passage vectors of "${options.name}"`);
      const q = encoded.data;
      const p = passages.data;
      for (let row = 0; row < ids.length; row++) {
        let dot = 0;
        const offset = row * dim;
        for (let c = 0; c < dim; c++) dot += (q[c] as number) * (p[offset + c] as number);
        if (!Number.isFinite(dot)) {
          throw new RetrievekitError('NON_FINITE', `candidate "${ids[row]}" scores ${dot}`, {
            where: { index: row },
            hint: 'vectors must contain finite numbers only',
          });
        }
        scores[row] = dot;
      }
      return scores;
    },
  };
}
