import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readQrels } from './read-qrels.js';
import { readRun } from './read-run.js';
import { readZScores } from './read-zscores.js';

const stream = (text: string | Uint8Array): Readable => Readable.from([Buffer.from(text)]);

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('run parser errors name file:line', () => {
  const cases: [string, string, string, string][] = [
    [
      'too few columns',
      '1 Q0 d1 1 2.0 tag\n1 Q0 d2 2 1.0\n',
      'PARSE_ERROR',
      'run.txt:2: expected 6 columns, found 5',
    ],
    [
      'non-numeric score',
      '1 Q0 d1 1 abc tag\n',
      'PARSE_ERROR',
      'run.txt:1, field "score": score is not a finite number: "abc"',
    ],
    [
      'NaN score',
      '1 Q0 d1 1 2 t\n1 Q0 d2 2 nan t\n',
      'PARSE_ERROR',
      'run.txt:2, field "score": score is not a finite number: "nan"',
    ],
    [
      'duplicate docno',
      '1 Q0 d1 1 2 t\n2 Q0 d1 1 2 t\n1 Q0 d1 3 1 t\n',
      'DUPLICATE_ID',
      'run.txt:3: document "d1" is retrieved twice for query 1',
    ],
    ['comments only', '# nothing\n', 'EMPTY_INPUT', 'run.txt: no result lines found'],
  ];
  for (const [what, text, code, message] of cases) {
    it(what, async () => {
      const error = await errorOf(readRun(stream(text), { name: 'run.txt' }));
      expect(error.code).toBe(code);
      expect(error.message.startsWith(message)).toBe(true);
    });
  }
  it('empty file', async () => {
    const error = await errorOf(readRun(stream(''), { name: 'run.txt' }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toMatch(/^run\.txt: input is empty/);
  });
  it('missing file', async () => {
    const error = await errorOf(readRun('/nonexistent/run.txt'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/^\/nonexistent\/run\.txt: file not found/);
  });
});

describe('qrels parser errors name file:line', () => {
  const cases: [string, string, string, string][] = [
    ['wrong column count', '1 0 d1 1\n1 0 d2\n', 'PARSE_ERROR', 'qrels.txt:2: expected 4 columns, found 3'],
    [
      'non-integer grade',
      '1 0 d1 x\n',
      'PARSE_ERROR',
      'qrels.txt:1, field "rel": relevance grade is not an integer: "x"',
    ],
    [
      'duplicate judgment',
      '1 0 d1 1\n1 0 d1 0\n',
      'DUPLICATE_ID',
      'qrels.txt:2: document "d1" is judged twice for query 1',
    ],
    [
      'BEIR row with 2 columns',
      'query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq1\td2\r\n',
      'PARSE_ERROR',
      'qrels.txt:3: expected 3 columns, found 2',
    ],
    ['header only', 'query-id\tcorpus-id\tscore\n', 'EMPTY_INPUT', 'qrels.txt: no judgments found'],
  ];
  for (const [what, text, code, message] of cases) {
    it(what, async () => {
      const error = await errorOf(readQrels(stream(text), { name: 'qrels.txt' }));
      expect(error.code).toBe(code);
      expect(error.message.startsWith(message)).toBe(true);
    });
  }
  it('z-score file with a bad row', async () => {
    const error = await errorOf(readZScores(stream('1 map 0.5 0.1\n1 P_5 x 0.1\n'), { name: 'z.txt' }));
    expect(error.message).toMatch(/^z\.txt:2: mean and stddev must be numbers/);
  });
});

describe('accepted inputs', () => {
  it('reads BEIR TSV with header and CRLF, TREC qrels, and gzip', async () => {
    const beir = await readQrels(stream('query-id\tcorpus-id\tscore\r\nq1\td1\t2\r\nq1\td2\t0\r\nq2\td1\t1'));
    expect([...beir.entries()].map(([q, d]) => [q, [...d.entries()]])).toEqual([
      [
        'q1',
        [
          ['d1', 2],
          ['d2', 0],
        ],
      ],
      ['q2', [['d1', 1]]],
    ]);
    const trec = await readQrels(stream(gzipSync(Buffer.from('301 0 FR-1 1\r\n301 0 FR-2 -1\n'))));
    expect([...(trec.get('301') ?? new Map()).entries()]).toEqual([
      ['FR-1', 1],
      ['FR-2', -1],
    ]);
  });
  it('reads runs with CRLF, blank lines, comments, extra columns and gzip', async () => {
    const text = '# a comment\r\n1 Q0 d1 1 2.5 tag extra\r\n\r\n1 Q0 d2 2 -1e-3 tag\r\n2\tQ0\td3\t1\t7\ttag';
    const run = await readRun(stream(gzipSync(Buffer.from(text))));
    expect(run.get('1')?.ids).toEqual(['d1', 'd2']);
    expect(Array.from(run.get('1')?.scores ?? [])).toEqual([2.5, -0.001]);
    expect(run.get('2')?.ids).toEqual(['d3']);
  });
});
