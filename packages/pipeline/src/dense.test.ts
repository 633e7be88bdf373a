import type { DenseBatch, Passage, Query } from '@retrievekit/core';
import { createDenseBatch } from '@retrievekit/core';
import { createMemoryStore } from '@retrievekit/store-memory';
import { describe, expect, it, vi } from 'vitest';
import { createDenseRetriever } from './dense-retriever.js';
import { createDenseScorer } from './dense-scorer.js';
import { createRerankRetriever } from './rerank.js';

// hand-made 3-d vectors: queries and passages are looked up by text / id
const vectors: Record<string, number[]> = {
  'q-x': [1, 0, 0],
  'q-yz': [0, 2, 1],
  a: [3, 0, 0], // q-x: 3, q-yz: 0
  b: [1, 1, 1], // q-x: 1, q-yz: 3
  c: [0, 0, 4], // q-x: 0, q-yz: 4
  d: [2, 0, 0], // q-x: 2, q-yz: 0
};

function batchOf(keys: readonly string[], dim = 3): DenseBatch {
  const data = new Float32Array(keys.length * dim);
  for (const [row, key] of keys.entries()) data.set((vectors[key] ?? []).slice(0, dim), row * dim);
  return createDenseBatch(data, keys.length, dim);
}

const encodeQueries = async (texts: readonly string[]) => batchOf(texts);
const queries: Query[] = [
  { id: '1', text: 'q-x' },
  { id: '2', text: 'q-yz' },
];

async function filledStore() {
  const store = createMemoryStore({ dim: 3 });
  const ids = ['a', 'b', 'c', 'd'];
  await store.add({ ids, vectors: batchOf(ids) });
  return store;
}

describe('createDenseRetriever', () => {
  it('ranks store vectors by dot product with the encoded queries, one search per batch', async () => {
    const store = await filledStore();
    const search = vi.spyOn(store, 'search');
    const dense = createDenseRetriever({ name: 'toy', encodeQueries, store, k: 2 });
    const lists = await dense.retrieve(queries);
    expect(search).toHaveBeenCalledTimes(1);
    expect(dense.name).toBe('toy');
    expect(lists.map((l) => l.ids)).toEqual([
      ['a', 'd'],
      ['c', 'b'],
    ]);
    expect(Array.from(lists[1]?.scores ?? [])).toEqual([4, 3]);
    const [all] = await dense.retrieve([{ id: '1', text: 'q-x' }], { k: 10 });
    // a 3, d 2, b 1, c 0
    expect(all?.ids).toEqual(['a', 'd', 'b', 'c']);
    expect(await dense.retrieve([])).toEqual([]);
  });

  it('puts score ties in trec_eval order (id descending)', async () => {
    const store = createMemoryStore({ dim: 3 });
    await store.add({ ids: ['p1', 'p3', 'p2'], vectors: batchOf(['a', 'a', 'a']) });
    const dense = createDenseRetriever({ name: 'tied', encodeQueries, store });
    const [list] = await dense.retrieve([{ id: '1', text: 'q-x' }]);
    expect(list?.ids).toEqual(['p3', 'p2', 'p1']);
  });

  it('reports an encoder of the wrong width or row count, bad k and cancellation', async () => {
    const store = await filledStore();
    const wide = createDenseRetriever({ name: 'w', encodeQueries: async (t) => batchOf(t, 2), store });
    await expect(wide.retrieve(queries)).rejects.toThrow(
      /returned 2 x 2 vectors \(4 floats\), expected 2 x 3/,
    );
    const short = createDenseRetriever({ name: 's', encodeQueries: async () => batchOf(['q-x']), store });
    await expect(short.retrieve(queries)).rejects.toThrow(/returned 1 vectors for 2 texts/);
    expect(() => createDenseRetriever({ name: 'k', encodeQueries, store, k: 0 })).toThrow(
      /k must be a positive integer, got 0/,
    );
    const controller = new AbortController();
    controller.abort();
    const dense = createDenseRetriever({ name: 'd', encodeQueries, store });
    await expect(dense.retrieve(queries, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});

describe('createDenseScorer', () => {
  const bm25 = {
    name: 'bm25',
    retrieve: async (qs: readonly Query[]) => qs.map(() => ({ ids: ['a', 'b', 'c'], scores: [3, 2, 1] })),
  };

  it('re-ranks candidates by dot product with looked-up passage vectors', async () => {
    const asked: string[][] = [];
    const scorer = createDenseScorer({
      name: 'toy',
      encodeQueries,
      passageVectors: async (ids) => {
        asked.push([...ids]);
        return batchOf(ids);
      },
    });
    const scores = await scorer.scoreCandidates({ id: '2', text: 'q-yz' }, ['a', 'b', 'c']);
    expect(Array.from(scores)).toEqual([0, 3, 4]);
    const lists = await createRerankRetriever({ firstStage: bm25, scorer }).retrieve(queries);
    expect(lists.map((l) => l.ids)).toEqual([
      ['a', 'b', 'c'],
      ['c', 'b', 'a'],
    ]);
    expect(asked[1]).toEqual(['a', 'b', 'c']);
  });

  it('encodes passage texts (title + text) when no vectors are stored', async () => {
    const passages: Record<string, Passage> = {
      a: { id: 'a', title: 'T', text: 'x' },
      b: { id: 'b', text: 'y' },
    };
    const seen: string[] = [];
    const scorer = createDenseScorer({
      name: 'text',
      encodeQueries,
      lookup: async (ids) => ids.map((id) => passages[id] ?? { id, text: '' }),
      encodePassages: async (texts) => {
        seen.push(...texts);
        return batchOf(texts.map((t) => (t === 'T x' ? 'b' : 'a')));
      },
    });
    const scores = await scorer.scoreCandidates({ id: '1', text: 'q-x' }, ['a', 'b']);
    expect(seen).toEqual(['T x', 'y']);
    expect(Array.from(scores)).toEqual([1, 3]);
  });

  it('reports lookups that lose or swap passages and vectors of the wrong shape', async () => {
    const lossy = createDenseScorer({
      name: 'lossy',
      encodeQueries,
      lookup: async () => [],
      encodePassages: async (texts) => batchOf(texts),
    });
    await expect(lossy.scoreCandidates(queries[0] as Query, ['a'])).rejects.toThrow(
      /passage lookup returned 0 of 1 passages/,
    );
    const swapped = createDenseScorer({
      name: 'swapped',
      encodeQueries,
      lookup: async () => [{ id: 'z', text: '' }],
      encodePassages: async (texts) => batchOf(texts),
    });
    await expect(swapped.scoreCandidates(queries[0] as Query, ['a'])).rejects.toThrow(
      /returned "z" for id "a"/,
    );
    const narrow = createDenseScorer({
      name: 'narrow',
      encodeQueries,
      passageVectors: async (ids) => batchOf(ids, 2),
    });
    await expect(narrow.scoreCandidates(queries[0] as Query, ['a', 'b'])).rejects.toThrow(
      /passage vectors of "narrow" returned 2 x 2 vectors \(4 floats\), expected 2 x 3/,
    );
  });
});
