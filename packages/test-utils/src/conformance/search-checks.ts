import { expect, it } from 'vitest';
import { bruteForceTopK, recallAtK, referenceScore } from '../brute-force.js';
import { clusteredVectors } from '../clustered-vectors.js';
import type { StoreMetric } from '../store-types.js';
import { expectExactTopK, scoreScale } from './compare.js';
import { rowIds, sliceRows, smallCorpus } from './fixtures.js';
import type { ConformanceCapabilities, StoreFactory } from './options.js';

const recallCache = new Map<string, { ids: string[][] }>();

/** Registers the top-k checks: exactness (or scored-as-stored for approximate stores) and recall. */
export function registerSearchChecks(factory: StoreFactory, capabilities: ConformanceCapabilities): void {
  const relative = capabilities.scoreTolerance ?? 1e-4;
  for (const metric of capabilities.metrics) {
    it(`top-k by ${metric} ${capabilities.exact ? 'equals' : 'approximates'} float64 brute force (k = 1, 10, > size)`, async () => {
      const { corpus, queries, ids } = smallCorpus();
      const store = await factory({ dim: corpus.dim, metric });
      await store.add({ ids: ids.slice(0, 500), vectors: sliceRows(corpus, 0, 500) });
      await store.add({ ids: ids.slice(500), vectors: sliceRows(corpus, 500, corpus.rows) });
      expect(await store.size()).toBe(corpus.rows);
      for (const k of [1, 10, 2000]) {
        const results = await store.search(queries, { k });
        expect(results).toHaveLength(queries.rows);
        const reference = bruteForceTopK(corpus, queries, k, metric);
        results.forEach((result, q) => {
          const tolerance = relative * scoreScale(metric, queries, q, corpus);
          const expected = reference[q];
          if (expected === undefined) throw new Error('missing reference');
          if (capabilities.exact) {
            expectExactTopK(result, expected, ids, { metric, queries, q, corpus, tolerance });
            return;
          }
          expect(result.ids).toHaveLength(Math.min(k, corpus.rows));
          const problems = result.ids.filter((id, rank) => {
            const truth = referenceScore(metric, queries, q, corpus, Number(id.slice(4)));
            return !(Math.abs((result.scores[rank] as number) - truth) <= tolerance);
          });
          expect(problems, 'ids whose returned score is not the score of their vector').toEqual([]);
        });
      }
      await store.close();
    });
  }

  it(`recall@10 >= ${capabilities.minRecall ?? 0.99} on 10,000 x 768 clustered vectors`, async () => {
    const metric: StoreMetric = capabilities.metrics[0] ?? 'dot';
    const corpus = clusteredVectors({ rows: 10_000, dim: 768, seed: 11 });
    const queries = clusteredVectors({ rows: 50, dim: 768, seed: 12 });
    const ids = rowIds(corpus.rows);
    let reference = recallCache.get(metric);
    if (reference === undefined) {
      const hits = bruteForceTopK(corpus, queries, 10, metric);
      reference = { ids: hits.map((hit) => Array.from(hit.rows, (row) => ids[row] as string)) };
      recallCache.set(metric, reference);
    }
    const store = await factory({ dim: corpus.dim, metric });
    await store.add({ ids, vectors: corpus });
    const results = await store.search(queries, { k: 10 });
    const recall = recallAtK(
      results.map((result) => result.ids),
      reference.ids,
    );
    expect(recall).toBeGreaterThanOrEqual(capabilities.minRecall ?? 0.99);
    await store.close();
  });
}
