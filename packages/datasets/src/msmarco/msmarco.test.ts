import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, makeTempDir } from '../test-paths.js';
import { readTrecQrels } from '../trec/read-trec-qrels.js';
import { readMsMarcoCollection, readMsMarcoQrels, readMsMarcoQueries } from './msmarco.js';

let temp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir('msmarco');
});
afterAll(async () => temp.remove());

describe('MS MARCO TSV readers', () => {
  it('reads collection.tsv (gzip detected) as passages with file:line', async () => {
    const path = join(temp.dir, 'collection.tsv');
    await writeFile(
      path,
      gzipSync('0\tThe presence of communication amid scientific minds\n1\tThe Manhattan Project\n'),
    );
    expect(await collect(readMsMarcoCollection(path))).toEqual([
      {
        id: '0',
        text: 'The presence of communication amid scientific minds',
        source: { file: path, line: 1 },
      },
      { id: '1', text: 'The Manhattan Project', source: { file: path, line: 2 } },
    ]);
  });

  it('reports duplicate pids with both lines unless checking is off', async () => {
    const path = join(temp.dir, 'dup-collection.tsv');
    await writeFile(path, '5\ta\n6\tb\n5\tc\n');
    await expect(collect(readMsMarcoCollection(path))).rejects.toThrow(
      `${path}:3, field "id": duplicate passage id "5", first seen at ${path}:1`,
    );
    expect(await collect(readMsMarcoCollection(path, { checkDuplicates: false }))).toHaveLength(3);
  });

  it('reads queries.*.tsv and qrels.*.tsv, tab or space separated', async () => {
    const queries = join(temp.dir, 'queries.dev.tsv');
    await writeFile(queries, "1048585\twhat is paula deen's brother\n");
    expect((await collect(readMsMarcoQueries(queries)))[0]).toMatchObject({
      id: '1048585',
      text: "what is paula deen's brother",
    });
    const qrels = join(temp.dir, 'qrels.dev.tsv');
    await writeFile(qrels, '1048585\t0\t7187158\t1\r\n2 0 7187157 1\n');
    expect((await collect(readMsMarcoQrels(qrels))).map((j) => [j.queryId, j.docId, j.relevance])).toEqual([
      ['1048585', '7187158', 1],
      ['2', '7187157', 1],
    ]);
    expect((await readTrecQrels(qrels)).get('2')?.get('7187157')).toBe(1);
  });
});
