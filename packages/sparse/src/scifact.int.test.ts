import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Passage, Query, RankedList } from '@retrievekit/core';
import { evaluate, readQrels } from '@retrievekit/metrics';
import { describe, expect, it } from 'vitest';
import { createBm25IndexBuilder } from './bm25-index-builder.js';
import { loadBm25Index, saveBm25Index } from './persistence/bm25-persistence.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const data = path.resolve(repoRoot, '../shared/data');

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

interface BeirRecord {
  _id: string;
  title?: string;
  text: string;
}

async function setUp(name: string, qrelsFile: string) {
  const builder = createBm25IndexBuilder();
  async function* passages(): AsyncGenerator<Passage> {
    for (const r of readJsonl<BeirRecord>(path.join(data, name, 'corpus.jsonl'))) {
      yield { id: r._id, text: r.text, ...(r.title === undefined ? {} : { title: r.title }) };
    }
  }
  await builder.addAll(passages());
  const index = builder.build();
  const qrels = await readQrels(path.join(data, name, qrelsFile));
  const queries: Query[] = readJsonl<BeirRecord>(path.join(data, name, 'queries.jsonl'))
    .filter((q) => qrels.has(q._id))
    .map((q) => ({ id: q._id, text: q.text }));
  const lists = await index.retrieve(queries, { k: 1000 });
  const run = new Map<string, RankedList>(queries.map((q, i) => [q.id, lists[i] as RankedList]));
  const measures = evaluate(qrels, run, { measures: ['ndcg_cut.10', 'recall.100'], complete: true });
  const value = (column: string) =>
    measures.summary[measures.columns.findIndex((c) => c.name === column)] as number;
  return { index, queries, lists, ndcg10: value('ndcg_cut_10'), recall100: value('recall_100') };
}

describe('BM25 on SciFact (Anserini flat: nDCG@10 0.6789, R@100 0.9253)', async () => {
  const scifact = await setUp('scifact', 'qrels/test.tsv');

  it('reproduces Anserini’s effectiveness', () => {
    expect(scifact.queries).toHaveLength(300);
    expect(Math.abs(scifact.ndcg10 - 0.6789)).toBeLessThanOrEqual(0.003);
    expect(Math.abs(scifact.recall100 - 0.9253)).toBeLessThanOrEqual(0.005);
  });

  it('gives identical pruned and exhaustive results for every query', () => {
    for (const [i, q] of scifact.queries.entries()) {
      for (const k of [10, 1000]) {
        const exhaustive = scifact.index.search(q.text, { k, exhaustive: true });
        const pruned = k === 1000 ? (scifact.lists[i] as RankedList) : scifact.index.search(q.text, { k });
        expect(pruned.ids).toEqual(exhaustive.ids);
        expect(Array.from(pruned.scores)).toEqual(Array.from(exhaustive.scores));
      }
    }
  });
});

describe('BM25 on Cranfield', async () => {
  const cranfield = await setUp('cranfield', 'qrels.trec.txt');

  it('evaluates every query and survives a save/load round trip unchanged', async () => {
    expect(cranfield.queries).toHaveLength(225);
    expect(cranfield.ndcg10).toBeGreaterThan(0);
    const dir = await mkdtemp(path.join(tmpdir(), 'rk-cranfield-'));
    try {
      await saveBm25Index(cranfield.index, path.join(dir, 'index'));
      const loaded = await loadBm25Index(path.join(dir, 'index'));
      const again = await loaded.retrieve(cranfield.queries, { k: 1000 });
      expect(again).toEqual(cranfield.lists);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
