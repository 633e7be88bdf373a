import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RetrievekitError } from '@retrievekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, makeTempDir } from '../test-paths.js';
import { readTopics } from './read-topics.js';
import { readTrecJudgments } from './read-trec-judgments.js';
import { readTrecQrels } from './read-trec-qrels.js';

const SGML_HINT = '(a TREC topic is <top> <num> Number: 301 <title> text <desc> Description: ... </top>)';

// Robust04 style (title on its own line after the tag) and TREC-8 style (same line), CRLF ends.
const SGML = [
  '<top>',
  '',
  '<num> Number: 301',
  '<title> International Organized Crime',
  '',
  '<desc> Description:',
  'Identify organizations that participate in international criminal',
  'activity, the activity, and, if possible, collaborating organizations.',
  '',
  '<narr> Narrative:',
  'A relevant document must as a minimum identify the organization.',
  '',
  '</top>',
  '',
  '<top>',
  '<num> Number: 302 </num>',
  '<title>',
  'Poliomyelitis and Post-Polio',
  '</title>',
  '<desc> Description: Is the disease of Poliomyelitis under control?</desc>',
  '</top>',
  '',
].join('\r\n');

let temp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir('trec');
});
afterAll(async () => temp.remove());

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(temp.dir, name);
  await writeFile(path, content);
  return path;
}

describe('classic TREC SGML topics', () => {
  it('reads titles as text, other fields as metadata, labels removed', async () => {
    const path = await file('topics.301-302.txt', SGML);
    const topics = await collect(readTopics(path));
    expect(topics).toEqual([
      {
        id: '301',
        text: 'International Organized Crime',
        metadata: {
          desc: 'Identify organizations that participate in international criminal activity, the activity, and, if possible, collaborating organizations.',
          narr: 'A relevant document must as a minimum identify the organization.',
        },
        source: { file: path, line: 1 },
      },
      {
        id: '302',
        text: 'Poliomyelitis and Post-Polio',
        metadata: { desc: 'Is the disease of Poliomyelitis under control?' },
        source: { file: path, line: 15 },
      },
    ]);
  });

  it('can take the description as text, and reads gzip', async () => {
    const path = await file('topics.gz', gzipSync(SGML));
    const topics = await collect(readTopics(path, { field: 'desc' }));
    expect(topics.map((t) => t.text)).toEqual([
      'Identify organizations that participate in international criminal activity, the activity, and, if possible, collaborating organizations.',
      'Is the disease of Poliomyelitis under control?',
    ]);
  });

  it('reports unclosed topics, missing <num> and missing fields at the <top> line', async () => {
    const unclosed = await file('unclosed.txt', '<top>\n<num> Number: 1\n<title> a\n');
    await expect(collect(readTopics(unclosed))).rejects.toThrow(
      `${unclosed}:1: <top> is never closed (file ends at line 3) ${SGML_HINT}`,
    );
    const noNum = await file('no-num.txt', '\n<top>\n<title> a\n</top>\n');
    await expect(collect(readTopics(noNum))).rejects.toThrow(
      `${noNum}:2, field "num": topic has no <num> ${SGML_HINT}`,
    );
    const noDesc = await file('no-desc.txt', '<top>\n<num> Number: 9\n<title> a\n</top>\n');
    await expect(collect(readTopics(noDesc, { field: 'desc' }))).rejects.toThrow(
      `${noDesc}:1, field "desc": topic 9 has no <desc> ${SGML_HINT}`,
    );
    const stray = await file('stray.txt', '<top>\n<num> 1\n<title> a\n</top>\nhello\n');
    await expect(collect(readTopics(stray))).rejects.toThrow(
      `${stray}:5: unexpected text outside <top>...</top>: "hello" ${SGML_HINT}`,
    );
    const dup = await file('dup.txt', '<top><num> 4 <title> a </top>\n<top><num> 4 <title> b </top>\n');
    await expect(collect(readTopics(dup))).rejects.toThrow(
      `${dup}:2, field "num": duplicate topic number "4", first seen at ${dup}:1`,
    );
  });
});

describe('TSV topics and TREC qrels on malformed input', () => {
  it('reports a topic line without a tab, and duplicate qids with both lines', async () => {
    const noTab = await file('no-tab.tsv', '1\tfirst\n2 second\n');
    await expect(collect(readTopics(noTab))).rejects.toThrow(
      `${noTab}:2: expected "id<TAB>text", found no tab (each topics line is "qid<TAB>query text")`,
    );
    const dup = await file('dup.tsv', '1\ta\n\n1\tb\n');
    await expect(collect(readTopics(dup))).rejects.toThrow(
      `${dup}:3, field "id": duplicate query id "1", first seen at ${dup}:1`,
    );
  });

  it('keeps tabs after the first one as part of the text', async () => {
    const path = await file('tabs.tsv', 'q1\ta\tb\r\n');
    expect((await collect(readTopics(path)))[0]?.text).toBe('a\tb');
  });

  it('reads qrels from a named gzip stream into a map', async () => {
    async function* chunks() {
      yield gzipSync('q1 0 d1 2\r\nq1 0 d2 -1\r\nq2 Q0 d1 0\r\n');
    }
    const qrels = await readTrecQrels({ name: 'qrels.gz', stream: chunks() });
    expect(qrels).toEqual(
      new Map([
        [
          'q1',
          new Map([
            ['d1', 2],
            ['d2', -1],
          ]),
        ],
        ['q2', new Map([['d1', 0]])],
      ]),
    );
  });

  it('reports qrels with wrong columns or grades, and duplicate pairs', async () => {
    const columns = await file('q3.txt', '1 0 d1 1\n1 0 d2\n');
    await expect(collect(readTrecJudgments(columns))).rejects.toThrow(
      `${columns}:2: expected 4 columns, got 3 (each TREC qrels line is "qid iter docno rel" separated by spaces or tabs)`,
    );
    const grade = await file('grade.txt', '1 0 d1 yes\n');
    await expect(collect(readTrecJudgments(grade))).rejects.toThrow(
      `${grade}:1, field "rel": relevance "yes" is not an integer`,
    );
    const dup = await file('dup-qrels.txt', '1 0 d1 1\n1 0 d2 0\n1 0 d1 1\n');
    const error = await readTrecQrels(dup).catch((e: unknown) => e);
    expect(RetrievekitError.hasCode(error, 'DUPLICATE_ID')).toBe(true);
    expect((error as RetrievekitError).where).toEqual({ file: dup, line: 3 });
  });
});
