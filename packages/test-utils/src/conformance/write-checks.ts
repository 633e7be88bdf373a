import { expect, it } from 'vitest';
import { bruteForceTopK } from '../brute-force.js';
import { clusteredVectors } from '../clustered-vectors.js';
import { expectExactTopK, scoreScale } from './compare.js';
import { rowIds } from './fixtures.js';
import type { ConformanceCapabilities, StoreFactory } from './options.js';

/** Registers checks of upsert, delete and metadata filters. */
export function registerWriteChecks(factory: StoreFactory, capabilities: ConformanceCapabilities): void {
  const metric = capabilities.metrics[0] ?? 'dot';
  const relative = capabilities.scoreTolerance ?? 1e-4;

  it('upsert replaces vector and metadata of a stored id and adds new ids', async () => {
    const dim = 16;
    const vectors = clusteredVectors({ rows: 3, dim, clusters: 3, seed: 5 });
    const store = await factory({ dim, metric });
    await store.add({ ids: ['a', 'b'], vectors: { data: vectors.data.slice(0, 2 * dim), rows: 2, dim } });
    const replacement = { data: vectors.data.slice(2 * dim), rows: 1, dim };
    await store.upsert({ ids: ['a'], vectors: replacement, metadata: [{ version: 2 }] });
    expect(await store.size()).toBe(2);
    const [hits] = await store.search(replacement, { k: 1, filter: { version: 2 } });
    expect(hits?.ids).toEqual(['a']);
    const self = replacement.data.reduce((sum, v) => sum + v * v, 0);
    const expected = metric === 'dot' ? self : metric === 'cosine' ? 1 : 0;
    expect(Math.abs((hits?.scores[0] ?? Number.NaN) - expected)).toBeLessThanOrEqual(
      relative * 10 * Math.max(1, self),
    );
    await store.upsert({ ids: ['c', 'b'], vectors: { data: vectors.data.slice(0, 2 * dim), rows: 2, dim } });
    expect(await store.size()).toBe(3);
  });

  it('delete removes ids from results and keeps the others exact', async () => {
    const corpus = clusteredVectors({ rows: 300, dim: 24, clusters: 10, seed: 6 });
    const queries = clusteredVectors({ rows: 5, dim: 24, clusters: 10, seed: 7 });
    const ids = rowIds(corpus.rows);
    const store = await factory({ dim: corpus.dim, metric });
    await store.add({ ids, vectors: corpus });
    const deleted = new Set(ids.filter((_, row) => row % 7 === 3 || row === 299 || row === 0));
    await store.delete([...deleted]);
    expect(await store.size()).toBe(corpus.rows - deleted.size);
    const k = 50;
    const results = await store.search(queries, { k });
    const reference = bruteForceTopK(corpus, queries, k, metric, (row) => !deleted.has(ids[row] as string));
    results.forEach((result, q) => {
      for (const id of result.ids) expect(deleted.has(id)).toBe(false);
      if (!capabilities.exact) return;
      const tolerance = relative * scoreScale(metric, queries, q, corpus);
      const expected = reference[q];
      if (expected === undefined) throw new Error('missing reference');
      expectExactTopK(result, expected, ids, { metric, queries, q, corpus, tolerance });
    });
  });

  it('filters by metadata equality (and by predicate where supported)', async () => {
    const corpus = clusteredVectors({ rows: 200, dim: 12, clusters: 5, seed: 8 });
    const queries = clusteredVectors({ rows: 3, dim: 12, clusters: 5, seed: 9 });
    const ids = rowIds(corpus.rows);
    const metadata = ids.map((_, row) =>
      row % 10 === 9 ? undefined : { group: row % 3, tag: row % 2 ? 'x' : 'y' },
    );
    const store = await factory({ dim: corpus.dim, metric });
    await store.add({ ids, vectors: corpus, metadata });
    const allowed = (row: number) => metadata[row]?.group === 1 && metadata[row]?.tag === 'x';
    const results = await store.search(queries, { k: 20, filter: { group: 1, tag: 'x' } });
    const reference = bruteForceTopK(corpus, queries, 20, metric, allowed);
    results.forEach((result, q) => {
      expect(result.ids.length).toBe(reference[q]?.rows.length);
      for (const id of result.ids) expect(allowed(Number(id.slice(4)))).toBe(true);
    });
    const none = await store.search(queries, { k: 5, filter: { group: 'missing' } });
    for (const result of none) expect(result.ids).toEqual([]);
    if (capabilities.predicateFilter) {
      const [hits] = await store.search(queries, { k: 300, filter: (_meta, id) => id.endsWith('7') });
      expect(hits?.ids.length).toBe(20);
      for (const id of hits?.ids ?? []) expect(id.endsWith('7')).toBe(true);
    }
  });
}
