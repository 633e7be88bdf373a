import type {
  DenseBatch,
  Query,
  RankedList,
  RetrieveOptions,
  Retriever,
  VectorStore,
} from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { sortScored } from './ranked-list.js';

/**
 * Encodes texts into one dense row each (`rows x dim`, float32). Typed structurally so that any encoder
 * fits: `(texts, o) => encoder.encodeQueries(texts, o).then((e) => e.embeddings)` for
 * `@retrievekit/encoder`, or `async (texts) => tfidf.encode(texts)` for a synchronous one.
 */
export type DenseTextEncoder = (
  texts: readonly string[],
  options?: { signal?: AbortSignal },
) => Promise<DenseBatch>;

/** Options of {@link createDenseRetriever}. */
export interface DenseRetrieverOptions {
  /** Run tag, e.g. `'tas-b'`. */
  name: string;
  /** The query encoder (the query side of a BERT_Dot model). */
  encodeQueries: DenseTextEncoder;
  /** The passage vectors, encoded by the same model's passage side. */
  store: VectorStore;
  /** Results per query when `retrieve` is called without `k`. Default 1000. */
  k?: number;
}

/** Checks that an encoder returned one row per text, of the expected width. */
export function assertEncoded(batch: DenseBatch, rows: number, dim: number, what: string): void {
  if (batch.rows !== rows) {
    throw new RetrievekitError('RUNTIME', `${what} returned ${batch.rows} vectors for ${rows} texts`, {
      hint: 'an encoder must return one row per input text, in order',
    });
  }
  if (batch.dim !== dim || batch.data.length !== rows * dim) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${what} returned ${batch.rows} x ${batch.dim} vectors (${batch.data.length} floats), expected ${rows} x ${dim}`,
      { hint: 'queries and passages must be encoded by the two sides of the same model' },
    );
  }
}

/**
 * A dense retriever: encodes each batch of queries in one call and searches the store once for the
 * whole batch (`store.search(batch, { k, signal })`). Results come back in trec_eval's order (score
 * descending, ties by id descending), whatever tie order the store used.
 *
 * @example
 * ```ts
 * const dense = createDenseRetriever({
 *   name: 'tas-b',
 *   encodeQueries: (texts, o) => encoder.encodeQueries(texts, o).then((e) => e.embeddings),
 *   store: createMemoryStore({ dim: 768 }), // filled with encoder.encodePassages(...)
 * });
 * const run = await retrieveRun(dense, queries, { k: 1000 });
 * ```
 */
export function createDenseRetriever(options: DenseRetrieverOptions): Retriever {
  const defaultK = options.k ?? 1000;
  if (!Number.isInteger(defaultK) || defaultK <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `k must be a positive integer, got ${defaultK}`, {
      where: { field: 'k' },
    });
  }
  const { store, name } = options;
  return {
    name,
    async retrieve(queries: readonly Query[], retrieveOptions: RetrieveOptions = {}): Promise<RankedList[]> {
      const k = retrieveOptions.k ?? defaultK;
      const signal = retrieveOptions.signal;
      if (!Number.isInteger(k) || k <= 0) {
        throw new RetrievekitError('INVALID_ARGUMENT', `k must be a positive integer, got ${k}`, {
          where: { field: 'k' },
        });
      }
      throwIfAborted(signal, 'dense retrieval');
      if (queries.length === 0) return [];
      const batch = await options.encodeQueries(
        queries.map((q) => q.text),
        { signal },
      );
      assertEncoded(batch, queries.length, store.dim, `query encoder of "${name}"`);
      throwIfAborted(signal, 'dense retrieval');
      const results = await store.search(batch, { k, signal });
      if (results.length !== queries.length) {
        throw new RetrievekitError(
          'RUNTIME',
          `vector store returned ${results.length} results for ${queries.length} queries`,
        );
      }
      return results.map((result) => sortScored(result.ids, result.scores, k));
    },
  };
}
