import { createDenseBatch, RetrievekitError } from '@retrievekit/core';
import { bruteForceTopK, clusteredVectors, referenceScore } from '@retrievekit/test-utils';
import { describe, expect, it } from 'vitest';
import { createHnswStore } from './create-hnsw-store.js';

const ids = (n: number) => Array.from({ length: n }, (_, row) => `doc-${row}`);

async function rejection(action: Promise<unknown> | (() => unknown)): Promise<RetrievekitError> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    if (RetrievekitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('createHnswStore options', () => {
  it('rejects i8 quantization with dot or l2 (UNSUPPORTED) and bad numbers (INVALID_ARGUMENT)', async () => {
    const i8 = await rejection(() => createHnswStore({ dim: 4, quantization: 'i8' }));
    expect(i8.code).toBe('UNSUPPORTED');
    expect(i8.message).toMatch(/'i8' works with metric 'cosine' only, not 'dot'/);
    const m = await rejection(() => createHnswStore({ dim: 4, connectivity: 0 }));
    expect(m.code).toBe('INVALID_ARGUMENT');
    expect(m.message).toMatch(/connectivity must be a positive integer, got 0/);
    const metric = await rejection(() => createHnswStore({ dim: 4, metric: 'hamming' as never }));
    expect(metric.message).toMatch(/unknown metric "hamming"/);
  });

  it('rejects an aborted search or add (ABORTED)', async () => {
    const store = createHnswStore({ dim: 2 });
    const vectors = createDenseBatch(Float32Array.from([1, 2]), 1, 2);
    const signal = AbortSignal.abort();
    expect((await rejection(store.add({ ids: ['a'], vectors }, { signal }))).code).toBe('ABORTED');
    await store.add({ ids: ['a'], vectors });
    const error = await rejection(store.search(vectors, { k: 1, signal }));
    expect(error.code).toBe('ABORTED');
    expect(error.message).toMatch(/search was cancelled/);
    expect(await store.size()).toBe(1);
  });

  it('rejects a zero vector under cosine (INVALID_ARGUMENT), storing nothing', async () => {
    const store = createHnswStore({ dim: 3, metric: 'cosine' });
    const vectors = createDenseBatch(Float32Array.from([1, 0, 0, 0, 0, 0]), 2, 3);
    const error = await rejection(store.add({ ids: ['a', 'b'], vectors }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/row 1 is a zero vector/);
    expect(await store.size()).toBe(0);
  });
});

describe('HnswStore search', () => {
  const corpus = clusteredVectors({ rows: 2000, dim: 32, clusters: 20, seed: 41 });
  const queries = clusteredVectors({ rows: 4, dim: 32, clusters: 20, seed: 42 });

  for (const [metric, quantization] of [
    ['cosine', 'i8'],
    ['dot', 'f16'],
    ['l2', 'f16'],
  ] as const) {
    it(`returns exact float32 scores of the returned ids under ${quantization} (${metric})`, async () => {
      const store = createHnswStore({ dim: 32, metric, quantization });
      await store.add({ ids: ids(2000), vectors: corpus });
      const results = await store.search(queries, { k: 10 });
      const reference = bruteForceTopK(corpus, queries, 10, metric);
      results.forEach((result, q) => {
        expect(result.ids).toHaveLength(10);
        result.ids.forEach((id, rank) => {
          const truth = referenceScore(metric, queries, q, corpus, Number(id.slice(4)));
          expect(Math.abs((result.scores[rank] as number) - truth)).toBeLessThan(
            1e-5 * Math.max(1, Math.abs(truth)),
          );
        });
        const expected = new Set(Array.from(reference[q]?.rows ?? [], (row) => `doc-${row}`));
        expect(result.ids.filter((id) => expected.has(id)).length).toBeGreaterThanOrEqual(9);
      });
    });
  }

  it('answers a selective filter exactly (scan of the few matching records)', async () => {
    const store = createHnswStore({ dim: 32 });
    const metadata = ids(2000).map((_, row) => ({ shard: row % 50 }));
    await store.add({ ids: ids(2000), vectors: corpus, metadata });
    const results = await store.search(queries, { k: 15, filter: { shard: 7 } });
    const reference = bruteForceTopK(corpus, queries, 15, 'dot', (row) => row % 50 === 7);
    results.forEach((result, q) => {
      expect(result.ids).toEqual(Array.from(reference[q]?.rows ?? [], (row) => `doc-${row}`));
    });
  });

  it('over-fetches for a broad filter until k records match', async () => {
    const store = createHnswStore({ dim: 32 });
    const metadata = ids(2000).map((_, row) => ({ kept: row % 4 !== 0 }));
    await store.add({ ids: ids(2000), vectors: corpus, metadata });
    const results = await store.search(queries, {
      k: 100,
      filter: (meta, id) => meta.kept === true && id !== 'doc-1',
    });
    for (const result of results) {
      expect(result.ids).toHaveLength(100);
      for (const id of result.ids) expect(Number(id.slice(4)) % 4 !== 0 && id !== 'doc-1').toBe(true);
    }
  });

  it('adds after a delete (slot reuse) and upserts in place', async () => {
    const store = createHnswStore({ dim: 32, metric: 'l2' });
    await store.add({ ids: ids(100), vectors: createDenseBatch(corpus.data.slice(0, 100 * 32), 100, 32) });
    await store.delete(['doc-5']);
    const last = createDenseBatch(corpus.data.slice(1999 * 32), 1, 32);
    await store.add({ ids: ['new'], vectors: last });
    await store.upsert({ ids: ['doc-6'], vectors: last, metadata: [{ moved: true }] });
    expect(await store.size()).toBe(100);
    const [hits] = await store.search(last, { k: 2 });
    expect([...(hits?.ids ?? [])].sort()).toEqual(['doc-6', 'new']);
    expect(Array.from(hits?.scores ?? [])).toEqual([0, 0]);
    const [moved] = await store.search(last, { k: 5, filter: { moved: true } });
    expect(moved?.ids).toEqual(['doc-6']);
  });
});
