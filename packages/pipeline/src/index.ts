/**
 * `@retrievekit/pipeline`: retrievers composed. Dense retrieval (any query encoder over any vector
 * store) and BERT_Dot re-scoring of candidates, hybrid fusion (reciprocal rank fusion; score
 * interpolation with min-max or centered normalisation), re-ranking of a first stage's candidates, and
 * batch retrieval of a whole topic set into a run for `@retrievekit/metrics`.
 *
 * @packageDocumentation
 */

export type { DenseRetrieverOptions, DenseTextEncoder } from './dense-retriever.js';
export { createDenseRetriever } from './dense-retriever.js';
export type { CandidateVectors, DenseScorerOptions, PassageVectorLookup } from './dense-scorer.js';
export { createDenseScorer } from './dense-scorer.js';
export type { InterpolateOptions, ScoreNormalization } from './fusion/interpolate.js';
export { interpolateScores } from './fusion/interpolate.js';
export type { ReciprocalRankOptions } from './fusion/reciprocal-rank.js';
export { reciprocalRankFusion } from './fusion/reciprocal-rank.js';
export type { FusionMethod, HybridOptions } from './hybrid-retriever.js';
export { createHybridRetriever } from './hybrid-retriever.js';
export type { ScoredList } from './ranked-list.js';
export { sortScored } from './ranked-list.js';
export type { CandidateScorer, PassageLookup, RerankOptions } from './rerank.js';
export { createRerankRetriever, createTextScorer } from './rerank.js';
export { retrieveRun } from './retrieve-run.js';
