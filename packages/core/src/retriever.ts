import type { LongTaskOptions } from './progress.js';
import type { RankedList } from './ranking.js';
import type { Query } from './text.js';

/** Options of {@link Retriever.retrieve}. */
export interface RetrieveOptions {
  /** How many results per query (best first). Default: the retriever's own, usually 1000. */
  k?: number;
  /** Cancels the call; it then rejects with code `ABORTED`. */
  signal?: AbortSignal;
}

/**
 * Anything that turns queries into ranked lists: BM25, a dense encoder over a vector store, SPLADE,
 * a hybrid of several, a re-ranker over a first stage.
 */
export interface Retriever {
  /** Short name used as the run tag and in comparison tables, e.g. `'bm25'`, `'tas-b'`. */
  readonly name: string;
  /**
   * Retrieves the top `k` passages of each query. The result has one ranked list per query, in the
   * order of `queries`, each sorted best first.
   */
  retrieve(queries: readonly Query[], options?: RetrieveOptions): Promise<RankedList[]>;
}

/** Options of batch retrieval over a whole topic set. */
export interface RetrieveRunOptions extends LongTaskOptions {
  /** Results per query. Default 1000. */
  k?: number;
  /** Queries handed to the retriever per call. Default 64. */
  batchSize?: number;
}
