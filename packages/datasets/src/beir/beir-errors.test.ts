import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RetrievekitError } from '@retrievekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, makeTempDir } from '../test-paths.js';
import { openBeirDataset } from './open-beir-dataset.js';
import { readBeirCorpus } from './read-beir-corpus.js';
import { readBeirQrels } from './read-beir-qrels.js';
import { readBeirQueries } from './read-beir-queries.js';

const CORPUS_HINT =
  '(each corpus.jsonl line is {"_id": "...", "title": "...", "text": "...", "metadata": {...}})';
const QUERIES_HINT = '(each queries.jsonl line is {"_id": "...", "text": "...", "metadata": {...}})';

let temp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir('beir-bad');
});
afterAll(async () => temp.remove());

async function file(name: string, content: string): Promise<string> {
  const path = join(temp.dir, name);
  await writeFile(path, content);
  return path;
}

describe('BEIR readers on malformed input', () => {
  it('reports bad JSON at file:line', async () => {
    const path = await file('bad-json.jsonl', '{"_id": "a", "text": "x"}\n{"_id": "b", "text": \n');
    await expect(collect(readBeirCorpus(path))).rejects.toThrow(new RegExp(`^${path}:2: invalid JSON: `));
  });

  it('reports a line that is not an object', async () => {
    const path = await file('array.jsonl', '\n["a", "b"]\n');
    await expect(collect(readBeirCorpus(path))).rejects.toThrow(
      `${path}:2: expected a JSON object, got array ${CORPUS_HINT}`,
    );
  });

  it('reports a missing _id', async () => {
    const path = await file('no-id.jsonl', '{"_id": "a", "text": "x"}\r\n{"title": "t", "text": "y"}\r\n');
    await expect(collect(readBeirCorpus(path))).rejects.toThrow(
      `${path}:2, field "_id": missing "_id" ${CORPUS_HINT}`,
    );
  });

  it('reports non-string text and title', async () => {
    const text = await file('num-text.jsonl', '{"_id": "a", "text": 42}\n');
    await expect(collect(readBeirCorpus(text))).rejects.toThrow(
      `${text}:1, field "text": "text" must be a string, got number ${CORPUS_HINT}`,
    );
    const title = await file('obj-title.jsonl', '{"_id": "a", "title": {}, "text": "x"}\n');
    await expect(collect(readBeirCorpus(title))).rejects.toThrow(
      `${title}:1, field "title": "title" must be a string, got object ${CORPUS_HINT}`,
    );
    const query = await file('null-query.jsonl', '{"_id": "q", "text": null}\n');
    await expect(collect(readBeirQueries(query))).rejects.toThrow(
      `${query}:1, field "text": "text" must be a string, got null ${QUERIES_HINT}`,
    );
  });

  it('reports duplicate ids with both lines', async () => {
    const corpus = await file(
      'dup.jsonl',
      '{"_id": "a", "text": "x"}\n{"_id": "b", "text": "y"}\n{"_id": "a", "text": "z"}\n',
    );
    const error = await collect(readBeirCorpus(corpus)).catch((e: unknown) => e);
    expect(RetrievekitError.hasCode(error, 'DUPLICATE_ID')).toBe(true);
    expect((error as Error).message).toBe(
      `${corpus}:3, field "_id": duplicate passage id "a", first seen at ${corpus}:1 (ids must be unique within a file; remove or rename one of the two entries)`,
    );
    expect(await collect(readBeirCorpus(corpus, { checkDuplicates: false }))).toHaveLength(3);
    const queries = await file('dup-q.jsonl', '{"_id": "7", "text": "x"}\n{"_id": 7, "text": "y"}\n');
    await expect(collect(readBeirQueries(queries))).rejects.toThrow(
      `${queries}:2, field "_id": duplicate query id "7", first seen at ${queries}:1`,
    );
  });

  it('reports bad qrels rows and duplicate judgments', async () => {
    const columns = await file('cols.tsv', 'query-id\tcorpus-id\tscore\n1\t2\n');
    await expect(collect(readBeirQrels(columns))).rejects.toThrow(
      `${columns}:2: expected 3 tab-separated columns, got 2 (a BEIR qrels file is tab-separated "query-id corpus-id score" lines after that header)`,
    );
    const score = await file('score.tsv', 'query-id\tcorpus-id\tscore\n1\t2\t1.5\n');
    await expect(collect(readBeirQrels(score))).rejects.toThrow(
      `${score}:2, field "score": relevance "1.5" is not an integer`,
    );
    const noHeader = await file('no-header.tsv', '1\t2\t1\r\n1\t3\t0\r\n');
    expect((await collect(readBeirQrels(noHeader))).map((j) => [j.docId, j.relevance])).toEqual([
      ['2', 1],
      ['3', 0],
    ]);
  });

  it('lists every missing part of a BEIR folder', async () => {
    const dir = join(temp.dir, 'half');
    await mkdir(join(dir, 'qrels'), { recursive: true });
    await writeFile(join(dir, 'queries.jsonl'), '');
    await expect(openBeirDataset(dir)).rejects.toThrow(
      `${dir}: not a BEIR dataset folder: missing corpus.jsonl, qrels/<split>.tsv (a BEIR folder contains corpus.jsonl, queries.jsonl and qrels/<split>.tsv (e.g. qrels/test.tsv), as in the unzipped BEIR downloads)`,
    );
    await expect(openBeirDataset(join(dir, 'absent'))).rejects.toThrow(
      `${join(dir, 'absent')}: BEIR dataset folder does not exist`,
    );
  });

  it('reads a gzip BEIR folder and reports duplicate judgments at the second line', async () => {
    const dir = join(temp.dir, 'gz');
    await mkdir(join(dir, 'qrels'), { recursive: true });
    await writeFile(join(dir, 'corpus.jsonl.gz'), gzipSync('{"_id": "d1", "title": "T", "text": "x"}\n'));
    await writeFile(join(dir, 'queries.jsonl'), '{"_id": "q1", "text": "y", "metadata": {"k": 1}}\n');
    await writeFile(join(dir, 'qrels', 'dev.tsv'), 'query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td1\t1\n');
    const dataset = await openBeirDataset(dir);
    expect(dataset.splits).toEqual(['dev']);
    expect(await collect(dataset.passages())).toEqual([
      { id: 'd1', title: 'T', text: 'x', source: { file: join(dir, 'corpus.jsonl.gz'), line: 1 } },
    ]);
    expect((await collect(dataset.queries()))[0]?.metadata).toEqual({ k: 1 });
    // The map is built by @retrievekit/metrics: check its code and location, not its wording.
    const error = await dataset.qrels('dev').catch((e: unknown) => e);
    expect(RetrievekitError.hasCode(error, 'DUPLICATE_ID')).toBe(true);
    expect((error as RetrievekitError).where).toEqual({ file: join(dir, 'qrels', 'dev.tsv'), line: 3 });
    expect((error as Error).message).toContain('"d1"');
  });
});
