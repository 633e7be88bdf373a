import { expect, it } from 'vitest';
import { bruteForceTopK, referenceScore } from '../brute-force.js';
import { clusteredVectors } from '../clustered-vectors.js';
import { exactTopKViolations, scoreScale } from './compare.js';
import { rowIds, sliceRows } from './fixtures.js';
import type { ConformanceCapabilities, StoreFactory } from './options.js';

/**
 * Registers the concurrency check: 100 searches started while 20 insert batches run. Each result must
 * be well-formed (no duplicate ids, scores non-increasing, every score the score of the returned id's
 * vector) and, for exact stores, equal the exact top-k of one of the 21 states the store went through.
 */
export function registerConcurrencyChecks(
  factory: StoreFactory,
  capabilities: ConformanceCapabilities,
): void {
  const metric = capabilities.metrics[0] ?? 'dot';
  const relative = capabilities.scoreTolerance ?? 1e-4;

  it('100 concurrent searches during inserts each see one consistent snapshot', async () => {
    const initial = 200;
    const batchRows = 40;
    const batches = 20;
    const corpus = clusteredVectors({ rows: initial + batches * batchRows, dim: 16, clusters: 10, seed: 31 });
    const queries = clusteredVectors({ rows: 2, dim: 16, clusters: 10, seed: 32 });
    const ids = rowIds(corpus.rows);
    const store = await factory({ dim: corpus.dim, metric });
    await store.add({ ids: ids.slice(0, initial), vectors: sliceRows(corpus, 0, initial) });
    const k = 10;
    const searches: Promise<{ ids: readonly string[]; scores: Float32Array }[]>[] = [];
    const inserts: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      searches.push(store.search(queries, { k }));
      if (i % 5 === 0) {
        const start = initial + (i / 5) * batchRows;
        inserts.push(
          store.add({
            ids: ids.slice(start, start + batchRows),
            vectors: sliceRows(corpus, start, start + batchRows),
          }),
        );
      }
    }
    await Promise.all(inserts);
    const results = await Promise.all(searches);
    expect(await store.size()).toBe(corpus.rows);
    const states = Array.from({ length: batches + 1 }, (_, j) =>
      sliceRows(corpus, 0, initial + j * batchRows),
    );
    const references = states.map((state) =>
      capabilities.exact ? bruteForceTopK(state, queries, k, metric) : [],
    );
    const rowOf = new Map(ids.map((id, row) => [id, row]));
    const scales = [0, 1].map((q) => relative * scoreScale(metric, queries, q, corpus));
    for (const perQuery of results) {
      perQuery.forEach((result, q) => {
        expect(result.ids).toHaveLength(k);
        expect(new Set(result.ids).size).toBe(k);
        const tolerance = scales[q] ?? 0;
        const problems: string[] = [];
        result.ids.forEach((id, rank) => {
          const truth = referenceScore(metric, queries, q, corpus, rowOf.get(id) ?? -1);
          const score = result.scores[rank] as number;
          if (!(Math.abs(score - truth) <= tolerance))
            problems.push(`${id}: score ${score}, its vector gives ${truth}`);
          if (rank > 0 && score > (result.scores[rank - 1] as number))
            problems.push(`rank ${rank}: score increases`);
        });
        expect(problems).toEqual([]);
        if (!capabilities.exact) return;
        const matches = states.some((state, j) => {
          const expected = references[j]?.[q];
          if (expected === undefined) return false;
          return (
            exactTopKViolations(result, expected, rowOf, { metric, queries, q, corpus: state, tolerance })
              .length === 0
          );
        });
        expect(matches, `query ${q}: result is the top-k of no state of the store`).toBe(true);
      });
    }
    await store.close();
  });
}
