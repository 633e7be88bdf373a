import type { Query, RankedList, RetrieveRunOptions, Retriever, Run } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';

/**
 * Runs a retriever over a whole topic set (an array, iterable or async iterable of queries, e.g. a
 * stream from `@retrievekit/datasets`) in batches, and collects a run for `@retrievekit/metrics`.
 * Reports progress in queries after each batch and honours `signal` between batches.
 *
 * @example
 * ```ts
 * const run = await retrieveRun(bm25, queries, { k: 1000, onProgress: (p) => console.error(p.done) });
 * const result = evaluate(qrels, run, { preset: 'beir' });
 * ```
 */
export async function retrieveRun(
  retriever: Retriever,
  queries: Iterable<Query> | AsyncIterable<Query>,
  options: RetrieveRunOptions = {},
): Promise<Run> {
  const k = options.k ?? 1000;
  const batchSize = options.batchSize ?? 64;
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `batchSize must be a positive integer, got ${batchSize}`, {
      where: { field: 'batchSize' },
    });
  }
  const total = Array.isArray(queries) ? queries.length : undefined;
  const run = new Map<string, RankedList>();
  let batch: Query[] = [];
  let done = 0;
  const flush = async (): Promise<void> => {
    throwIfAborted(options.signal, 'retrieval');
    const lists = await retriever.retrieve(batch, { k, signal: options.signal });
    batch.forEach((query, index) => {
      const list = lists[index];
      if (!list) {
        throw new RetrievekitError(
          'RUNTIME',
          `retriever "${retriever.name}" returned no list for query "${query.id}"`,
        );
      }
      run.set(query.id, list);
    });
    done += batch.length;
    batch = [];
    options.onProgress?.({ done, total, unit: 'queries' });
  };
  const seen = new Set<string>();
  for await (const query of queries) {
    if (seen.has(query.id)) {
      throw new RetrievekitError('DUPLICATE_ID', `query id "${query.id}" appears twice in the topic set`, {
        where: { index: done + batch.length },
      });
    }
    seen.add(query.id);
    batch.push(query);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return run;
}
