/**
 * `@retrievekit/sparse`: an inverted index with Anserini-exact BM25 (Lucene's English analyzer, one-byte
 * length norms and float32 scoring), learned-sparse (SPLADE) impact search, and MaxScore top-k pruning
 * whose results equal exhaustive scoring, tie order included.
 *
 * @packageDocumentation
 */

export {
  type Analyzer,
  createEnglishAnalyzer,
  type EnglishAnalyzerOptions,
  stripPossessive,
} from './analysis/english-analyzer.js';
export { javaLowerCase } from './analysis/lower-case.js';
export { porterStem } from './analysis/porter-stemmer.js';
export { DEFAULT_MAX_TOKEN_LENGTH, standardTokenize } from './analysis/standard-tokenizer.js';
export { ENGLISH_STOP_WORDS } from './analysis/stop-words.js';
export { Bm25Index, type Bm25IndexData, type Bm25IndexStats } from './bm25-index.js';
export {
  Bm25IndexBuilder,
  type Bm25IndexOptions,
  createBm25IndexBuilder,
  flatText,
} from './bm25-index-builder.js';
export {
  ANSERINI_BM25,
  averageLength,
  type Bm25Parameters,
  bm25Idf,
  bm25TermScore,
  normInverseCache,
} from './bm25-similarity.js';
export { ImpactIndex, type ImpactIndexData, type ImpactSearchOptions } from './impact-index.js';
export {
  createImpactIndexBuilder,
  ImpactIndexBuilder,
  type ImpactIndexOptions,
} from './impact-index-builder.js';
export { byte4ToInt, intToByte4, LENGTH_TABLE } from './norms.js';
export {
  BM25_FORMAT_VERSION,
  type LoadBm25Options,
  loadBm25Index,
  saveBm25Index,
} from './persistence/bm25-persistence.js';
export { IMPACT_FORMAT_VERSION, loadImpactIndex, saveImpactIndex } from './persistence/impact-persistence.js';
export type { PostingLists } from './posting-lists.js';
export { DEFAULT_K, type SearchOptions } from './search-options.js';
