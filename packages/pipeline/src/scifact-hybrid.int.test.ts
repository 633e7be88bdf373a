import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Passage, Query, Run } from '@retrievekit/core';
import { createDenseBatch } from '@retrievekit/core';
import { openBeirDataset } from '@retrievekit/datasets';
import { createTfidfProjectionEncoder } from '@retrievekit/distill';
import { evaluate } from '@retrievekit/metrics';
import { createBm25IndexBuilder, createEnglishAnalyzer } from '@retrievekit/sparse';
import { createMemoryStore } from '@retrievekit/store-memory';
import { describe, expect, it } from 'vitest';
import { createDenseRetriever } from './dense-retriever.js';
import { createDenseScorer } from './dense-scorer.js';
import { createHybridRetriever } from './hybrid-retriever.js';
import { createRerankRetriever } from './rerank.js';
import { retrieveRun } from './retrieve-run.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scifactDir = path.resolve(repoRoot, '../shared/data/scifact');

/** BEIR "flat" text, as Anserini indexes it. */
const flat = (p: Passage): string => (p.title ? `${p.title} ${p.text}` : p.text);

async function setUp() {
  const scifact = await openBeirDataset(scifactDir);
  const qrels = await scifact.qrels('test');
  const passages: Passage[] = [];
  for await (const p of scifact.passages()) passages.push({ id: p.id, text: p.text, title: p.title ?? '' });
  const queries: Query[] = [];
  for await (const q of scifact.queries()) if (qrels.has(q.id)) queries.push({ id: q.id, text: q.text });

  const builder = createBm25IndexBuilder();
  await builder.addAll(passages);
  const bm25 = builder.build();

  const texts = passages.map(flat);
  const encoder = createTfidfProjectionEncoder(texts, createEnglishAnalyzer());
  const passageVectors = encoder.encode(texts);
  const store = createMemoryStore({ dim: encoder.dim });
  await store.add({ ids: passages.map((p) => p.id), vectors: passageVectors });
  const rowOf = new Map(passages.map((p, row) => [p.id, row]));
  const encodeQueries = async (batch: readonly string[]) => encoder.encode(batch);
  const dense = createDenseRetriever({ name: 'tfidf-projection', encodeQueries, store });
  const scorer = createDenseScorer({
    name: 'tfidf-projection',
    encodeQueries,
    passageVectors: async (ids) => {
      const data = new Float32Array(ids.length * encoder.dim);
      ids.forEach((id, i) => {
        const row = rowOf.get(id) ?? -1;
        data.set(passageVectors.data.subarray(row * encoder.dim, (row + 1) * encoder.dim), i * encoder.dim);
      });
      return createDenseBatch(data, ids.length, encoder.dim);
    },
  });

  const runs = new Map<string, Run>();
  runs.set('BM25', await retrieveRun(bm25, queries, { k: 1000 }));
  runs.set('dense (TF-IDF projection)', await retrieveRun(dense, queries, { k: 1000 }));
  const rrf = createHybridRetriever({ retrievers: [bm25, dense], fusion: { method: 'rrf', k: 60 } });
  runs.set('RRF (k = 60)', await retrieveRun(rrf, queries, { k: 1000 }));
  const interpolation = createHybridRetriever({
    retrievers: [bm25, dense],
    fusion: { method: 'interpolate', weights: [1, 1], normalization: 'minmax' },
  });
  runs.set('interpolation (minmax, [1, 1])', await retrieveRun(interpolation, queries, { k: 1000 }));
  const rerank = createRerankRetriever({ firstStage: bm25, scorer, depth: 100 });
  runs.set('BM25 top-100 >> dense', await retrieveRun(rerank, queries, { k: 100 }));

  const scores = new Map<string, { ndcg10: number; recall100: number; queries: number }>();
  for (const [name, run] of runs) {
    const result = evaluate(qrels, run, { measures: ['ndcg_cut.10', 'recall.100'], complete: true });
    const value = (column: string) =>
      result.summary[result.columns.findIndex((c) => c.name === column)] as number;
    scores.set(name, {
      ndcg10: value('ndcg_cut_10'),
      recall100: value('recall_100'),
      queries: result.numQueries,
    });
  }
  return { queries, runs, scores, encoder, passageVectors, passages };
}

describe('SciFact test (300 queries): BM25, dense, hybrids, re-ranking', async () => {
  const { queries, runs, scores, encoder, passageVectors, passages } = await setUp();
  console.log(
    ['| run | nDCG@10 | R@100 |', '| --- | ---: | ---: |']
      .concat(
        [...scores].map(([name, s]) => `| ${name} | ${s.ndcg10.toFixed(4)} | ${s.recall100.toFixed(4)} |`),
      )
      .join('\n'),
  );
  const run = (name: string): Run => runs.get(name) ?? new Map();

  it('reproduces Anserini’s BM25 and evaluates every run on all 300 queries', () => {
    expect(queries).toHaveLength(300);
    expect(Math.abs((scores.get('BM25')?.ndcg10 ?? 0) - 0.6789)).toBeLessThanOrEqual(0.003);
    expect(scores.size).toBe(5);
    for (const [name, s] of scores) {
      expect(s.queries, name).toBe(300);
      expect(run(name).size, name).toBe(300);
    }
  });

  it('ranks dense results by the exact dot products of the encoded vectors', () => {
    const dim = encoder.dim;
    for (const query of queries.slice(0, 5)) {
      const q = encoder.encode([query.text]).data;
      const dots = passages.map((_, row) => {
        let dot = 0;
        for (let c = 0; c < dim; c++)
          dot += (q[c] as number) * (passageVectors.data[row * dim + c] as number);
        return dot;
      });
      const best = [...dots].sort((a, b) => b - a).slice(0, 10);
      const got = Array.from(run('dense (TF-IDF projection)').get(query.id)?.scores ?? []).slice(0, 10);
      for (const [r, score] of got.entries()) expect(score).toBeCloseTo(best[r] as number, 3);
    }
  });

  it('fuses only documents some input retrieved', () => {
    for (const fused of ['RRF (k = 60)', 'interpolation (minmax, [1, 1])']) {
      for (const query of queries) {
        const union = new Set([
          ...(run('BM25').get(query.id)?.ids ?? []),
          ...(run('dense (TF-IDF projection)').get(query.id)?.ids ?? []),
        ]);
        const ids = run(fused).get(query.id)?.ids ?? [];
        expect(ids.length).toBeGreaterThan(0);
        expect(
          ids.every((id) => union.has(id)),
          `${fused} ${query.id}`,
        ).toBe(true);
      }
    }
  });

  it('re-ranks exactly BM25’s top 100', () => {
    for (const query of queries) {
      const top = [...(run('BM25').get(query.id)?.ids ?? []).slice(0, 100)].sort();
      const reranked = [...(run('BM25 top-100 >> dense').get(query.id)?.ids ?? [])].sort();
      expect(reranked).toEqual(top);
    }
  });
});
