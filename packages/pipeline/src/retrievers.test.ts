import type { Query, RankedList, Retriever } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { createHybridRetriever } from './hybrid-retriever.js';
import { createRerankRetriever, createTextScorer } from './rerank.js';
import { retrieveRun } from './retrieve-run.js';

/** A retriever over a fixed table of results, recording the k it was asked for. */
function tableRetriever(name: string, table: Record<string, RankedList>, calls: number[] = []): Retriever {
  return {
    name,
    async retrieve(queries, options) {
      calls.push(options?.k ?? -1);
      return queries.map((q) => {
        const list = table[q.id] ?? { ids: [], scores: [] };
        const k = options?.k ?? list.ids.length;
        return { ids: list.ids.slice(0, k), scores: Array.from(list.scores).slice(0, k) };
      });
    },
  };
}

const queries: Query[] = [
  { id: 'q1', text: 'first' },
  { id: 'q2', text: 'second' },
];
const bm25 = tableRetriever('bm25', {
  q1: { ids: ['a', 'b', 'c'], scores: [3, 2, 1] },
  q2: { ids: ['d'], scores: [5] },
});

describe('createRerankRetriever', () => {
  it('re-scores exactly the first-stage candidates and re-sorts them', async () => {
    const calls: number[] = [];
    const firstStage = tableRetriever('bm25', { q1: { ids: ['a', 'b', 'c'], scores: [3, 2, 1] } }, calls);
    const lengths: Record<string, number> = { a: 1, b: 3, c: 2 };
    const scorer = {
      name: 'len',
      scoreCandidates: async (_q: Query, ids: readonly string[]) => ids.map((id) => lengths[id] ?? 0),
    };
    const reranker = createRerankRetriever({ firstStage, scorer, depth: 2 });
    const [list] = await reranker.retrieve([{ id: 'q1', text: 'x' }]);
    expect(calls).toEqual([2]);
    expect(list?.ids).toEqual(['b', 'a']);
    expect(reranker.name).toBe('bm25>>len');
  });

  it('passes passages from the lookup to a text scorer, in candidate order', async () => {
    const texts: Record<string, string> = { a: 'aaa', b: 'b', c: 'cc', d: 'dddd' };
    const scorer = createTextScorer(
      'text-length',
      async (ids) => ids.map((id) => ({ id, text: texts[id] ?? '' })),
      async (_query, passages) => passages.map((p) => p.text.length),
    );
    const lists = await createRerankRetriever({ firstStage: bm25, scorer }).retrieve(queries, { k: 2 });
    expect(lists.map((l) => l.ids)).toEqual([['a', 'c'], ['d']]);
  });

  it('reports a lookup that loses passages and a scorer that returns the wrong count', async () => {
    const lossy = createTextScorer(
      'lossy',
      async () => [],
      async () => [],
    );
    await expect(
      createRerankRetriever({ firstStage: bm25, scorer: lossy }).retrieve(queries),
    ).rejects.toThrow(/passage lookup returned 0 of 3 passages/);
    const short = { name: 'short', scoreCandidates: async () => [1] };
    await expect(
      createRerankRetriever({ firstStage: bm25, scorer: short }).retrieve(queries),
    ).rejects.toThrow(/returned 1 scores for 3 candidates/);
    expect(() => createRerankRetriever({ firstStage: bm25, scorer: short, depth: 0 })).toThrow(
      /positive integer/,
    );
  });
});

describe('createHybridRetriever', () => {
  it('fuses its inputs per query with RRF by default', async () => {
    const dense = tableRetriever('dense', { q1: { ids: ['c', 'a'], scores: [0.9, 0.1] } });
    const hybrid = createHybridRetriever({ retrievers: [bm25, dense] });
    expect(hybrid.name).toBe('bm25+dense');
    const [q1, q2] = await hybrid.retrieve(queries, { k: 2 });
    // a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62
    expect(q1?.ids).toEqual(['a', 'c']);
    expect(q2?.ids).toEqual(['d']);
  });

  it('needs two inputs', () => {
    expect(() => createHybridRetriever({ retrievers: [bm25] })).toThrow(/at least 2 retrievers, got 1/);
  });
});

describe('retrieveRun', () => {
  it('collects a run from an async stream of queries in batches, with progress', async () => {
    async function* stream() {
      yield* queries;
    }
    const progress: number[] = [];
    const run = await retrieveRun(bm25, stream(), { batchSize: 1, onProgress: (p) => progress.push(p.done) });
    expect([...run.keys()]).toEqual(['q1', 'q2']);
    expect(run.get('q2')?.ids).toEqual(['d']);
    expect(progress).toEqual([1, 2]);
  });

  it('stops when cancelled and rejects duplicate query ids', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(retrieveRun(bm25, queries, { signal: controller.signal })).rejects.toThrow(
      /retrieval was cancelled/,
    );
    await expect(retrieveRun(bm25, [queries[0] as Query, queries[0] as Query])).rejects.toThrow(
      /query id "q1" appears twice/,
    );
  });
});
