import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopicSampler } from './baseline-samplers.js';
import { writeBatchesJsonl, writeBatchesTsv } from './batch-writers.js';
import { readClusters, writeClusters } from './clusters-file.js';
import { readIdTextTsv, readQueriesTsv } from './read-queries.js';
import { teacherPairsFromRecords } from './teacher-pairs.js';
import { createTempDir } from './test-support/temp-dir.js';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => temp.cleanup());

describe('MS MARCO TSV readers', () => {
  it('reads queries, keeping tabs inside the text', async () => {
    const path = await temp.write('queries.tsv', '121352\tdefine extreme\n634306\twhat is\ta tab\n');
    expect(await readQueriesTsv(path)).toEqual([
      { id: '121352', text: 'define extreme' },
      { id: '634306', text: 'what is\ta tab' },
    ]);
    const records = [];
    for await (const record of readIdTextTsv(path)) records.push(record.line);
    expect(records).toEqual([1, 2]);
  });

  it('rejects a line without a tab and a repeated qid with file:line', async () => {
    const noTab = await temp.write('no-tab.tsv', '1\tok\njust text\n');
    await expect(readQueriesTsv(noTab)).rejects.toThrow(/no-tab.tsv:2, field "id": line has no tab/);
    const twice = await temp.write('twice.tsv', '1\ta\n2\tb\n1\tc\n');
    await expect(readQueriesTsv(twice)).rejects.toThrow(/twice.tsv:3, field "qid": query id 1 appears twice/);
  });
});

describe('cluster files', () => {
  it('round-trips clusters one line per cluster, atomically', async () => {
    const path = join(temp.dir, 'clusters.txt');
    await writeClusters(path, [['1', '2'], [], ['q-3']]);
    expect(await readFile(path, 'utf8')).toBe('1 2\n\nq-3\n');
    expect(await readClusters(path)).toEqual([['1', '2'], [], ['q-3']]);
    expect((await readdir(temp.dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects an id in two clusters and ids with whitespace', async () => {
    const path = await temp.write('dup.txt', '1 2\n3\n2 4\n');
    await expect(readClusters(path)).rejects.toThrow(
      /dup.txt:3: query 2 is in the clusters of lines 1 and 3/,
    );
    await expect(writeClusters(join(temp.dir, 'bad.txt'), [['a b']])).rejects.toThrow(/contains whitespace/);
  });
});

describe('batch writers', () => {
  const pairs = teacherPairsFromRecords([
    { queryId: 'q1', positiveId: 'p1', negativeId: 'n1', positiveScore: 5, negativeScore: 1 },
    { queryId: 'q2', positiveId: 'p2', negativeId: 'n2', positiveScore: 4.5, negativeScore: 2 },
  ]);
  const sampler = (): ReturnType<typeof createTopicSampler> =>
    createTopicSampler(pairs, [['q1', 'q2']], { batchSize: 2, seed: 3 });

  it('writes JSON Lines that parse back to the same batches', async () => {
    const path = join(temp.dir, 'batches.jsonl');
    await writeBatchesJsonl(path, sampler().batches({ limit: 3 }));
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
    const expected = sampler().next();
    const first = JSON.parse(lines[0] as string);
    expect(first.batch).toBe(0);
    expect(first.query_ids).toEqual(expected.queryIds);
    expect(first.teacher_positive).toEqual([...expected.teacherPositive]);
    expect(first.cluster_ids).toEqual([0, 0]);
  });

  it('writes TSV, one pair per line', async () => {
    const path = join(temp.dir, 'batches.tsv');
    await writeBatchesTsv(path, sampler().batches({ limit: 2 }));
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.split('\t').length === 7)).toBe(true);
    expect(lines).toContain('0\t0\tq2\tp2\tn2\t4.5\t2');
  });
});
