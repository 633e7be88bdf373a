/** A passage (document) of a collection. */
export interface Passage {
  /** Collection-unique id (the docno of TREC files). */
  id: string;
  /** Body text. */
  text: string;
  /** Optional title; BEIR collections carry one, MS MARCO passages do not. */
  title?: string;
  /** Extra fields the source carried, kept verbatim. */
  metadata?: Record<string, unknown>;
}

/** A query (topic). */
export interface Query {
  /** Topic id as it appears in qrels and runs. */
  id: string;
  /** Query text. */
  text: string;
  /** Extra fields the source carried, kept verbatim. */
  metadata?: Record<string, unknown>;
}

/** A relevance judgment: `query` judged `doc` with grade `relevance` (negative grades are allowed). */
export interface Judgment {
  queryId: string;
  docId: string;
  relevance: number;
}
