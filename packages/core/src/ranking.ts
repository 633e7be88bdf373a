/**
 * Relevance judgments, by query id then document id. Grades are integers as in TREC qrels; grades <= 0
 * count as judged non-relevant.
 */
export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * The retrieved documents of one query, as parallel arrays (`ids[i]` scored `scores[i]`).
 * Order is not significant for evaluation: evaluators sort by score as trec_eval does.
 */
export interface RankedList {
  readonly ids: readonly string[];
  readonly scores: ArrayLike<number>;
}

/** A run: each query id mapped to its ranked list. */
export type Run = ReadonlyMap<string, RankedList>;

/** One line of a TREC run file. */
export interface RunEntry {
  queryId: string;
  docId: string;
  rank: number;
  score: number;
  tag: string;
}
