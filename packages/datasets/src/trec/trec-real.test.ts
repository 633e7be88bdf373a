import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBeirQueries } from '../beir/read-beir-queries.js';
import { collect, sharedData } from '../test-paths.js';
import { readTopics } from './read-topics.js';
import { readTrecJudgments } from './read-trec-judgments.js';
import { readTrecQrels } from './read-trec-qrels.js';

const anserini = join(sharedData, 'anserini-topics-qrels');

describe('Anserini topics (TSV, plain and gzip)', () => {
  // Line counts from `wc -l` / `zcat | wc -l`; every line has exactly one tab (checked with awk).
  it.each([
    ['topics.dl19-passage.txt', 43],
    ['topics.dl20.txt', 200],
    ['topics.msmarco-passage.dev-subset.txt', 6980],
    ['topics.beir-v1.0.0-arguana.test.tsv.gz', 1406],
    ['topics.beir-v1.0.0-fiqa.test.tsv.gz', 648],
    ['topics.beir-v1.0.0-nfcorpus.test.tsv.gz', 323],
    ['topics.beir-v1.0.0-scifact.test.tsv.gz', 300],
    ['topics.beir-v1.0.0-trec-covid.test.tsv.gz', 50],
  ])('%s has %i topics', async (name, count) => {
    const topics = await collect(readTopics(join(anserini, 'topics', name)));
    expect(topics).toHaveLength(count);
    expect(topics.every((t) => t.id.length > 0 && t.text.length > 0)).toBe(true);
  });

  it('reads dl19 topics with ids and texts as in the file', async () => {
    const topics = await collect(readTopics(join(anserini, 'topics/topics.dl19-passage.txt')));
    expect(topics[0]).toMatchObject({ id: '156493', text: 'do goldfish grow', source: { line: 1 } });
  });

  it('gives the SciFact test topics the texts of BEIR queries.jsonl', async () => {
    const topics = await collect(readTopics(join(anserini, 'topics/topics.beir-v1.0.0-scifact.test.tsv.gz')));
    const queries = new Map(
      (await collect(readBeirQueries(join(sharedData, 'scifact/queries.jsonl')))).map((q) => [q.id, q.text]),
    );
    for (const topic of topics) expect(topic.text).toBe(queries.get(topic.id));
  });
});

describe('Anserini and Cranfield qrels', () => {
  // Judgment lines (`wc -l`) and distinct query ids (`cut -d' ' -f1 | sort -u | wc -l`); no pair repeats.
  it.each([
    ['qrels.dl19-passage.txt', 9260, 43],
    ['qrels.dl20-passage.txt', 11386, 54],
    ['qrels.msmarco-passage.dev-subset.txt', 7437, 6980],
    ['qrels.beir-v1.0.0-trec-covid.test.txt', 66334, 50],
    ['qrels.beir-v1.0.0-nfcorpus.test.txt', 12334, 323],
  ])('%s has %i judgments over %i queries', async (name, judgments, queries) => {
    const path = join(anserini, 'qrels', name);
    // Two independent parsers must agree: this package's streaming reader and metrics' readQrels.
    const streamed = new Map<string, Map<string, number>>();
    let lines = 0;
    for await (const { queryId, docId, relevance } of readTrecJudgments(path)) {
      lines += 1;
      const docs = streamed.get(queryId) ?? new Map<string, number>();
      docs.set(docId, relevance);
      streamed.set(queryId, docs);
    }
    expect(lines).toBe(judgments);
    expect(streamed.size).toBe(queries);
    expect(await readTrecQrels(path)).toEqual(streamed);
  });

  it('keeps Cranfield grades, -1 included (225/128/387/734/363 as SOURCE.md counts them)', async () => {
    const histogram = new Map<number, number>();
    for await (const { relevance } of readTrecJudgments(join(sharedData, 'cranfield/qrels.trec.txt'))) {
      histogram.set(relevance, (histogram.get(relevance) ?? 0) + 1);
    }
    expect(Object.fromEntries([...histogram].sort((a, b) => a[0] - b[0]))).toEqual({
      '-1': 225,
      1: 128,
      2: 387,
      3: 734,
      4: 363,
    });
  });

  it('reads the Q0 iteration column of the TREC DL qrels', async () => {
    const [first] = await collect(readTrecJudgments(join(anserini, 'qrels/qrels.dl19-passage.txt')));
    expect(first).toMatchObject({ queryId: '19335', docId: '1017759', relevance: 0, source: { line: 1 } });
  });
});
