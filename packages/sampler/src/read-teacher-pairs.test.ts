import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTeacherPairs } from './read-teacher-pairs.js';
import { createTempDir } from './test-support/temp-dir.js';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => temp.cleanup());

const LINES = [
  '10.5\t2.25\t1185869\t0\t4',
  '9.0\t-1.5\t1185869\t0\t7',
  '3.25\t3\tq-two\tdoc A\t007',
  '1e1\t0.5\t1185869\t12\t4',
];

describe('readTeacherPairs', () => {
  it('loads pairs into typed arrays grouped by query', async () => {
    const path = await temp.write('pairs.tsv', `${LINES.join('\n')}\n`);
    const pairs = await readTeacherPairs(path);
    expect(pairs.size).toBe(4);
    expect(pairs.queryCount).toBe(2);
    expect([...pairs.positiveScores]).toEqual([10.5, 9, 3.25, 10]);
    expect([...pairs.negativeScores]).toEqual([2.25, -1.5, 3, 0.5]);
    const q = pairs.queryIndexOf('1185869') ?? -1;
    expect(pairs.queryId(q)).toBe('1185869');
    const start = pairs.queryOffsets[q] as number;
    expect([...pairs.pairsByQuery.subarray(start, pairs.queryOffsets[q + 1])]).toEqual([0, 1, 3]);
    expect(pairs.passageId(pairs.positiveCodes[2] as number)).toBe('doc A');
    expect(pairs.passageId(pairs.negativeCodes[2] as number)).toBe('007');
    expect(pairs.queryIndexOf('unknown')).toBeUndefined();
  });

  it('gives the same result for any chunk size, CRLF endings and no final newline', async () => {
    const path = await temp.write('crlf.tsv', LINES.join('\r\n'));
    const whole = await readTeacherPairs(path);
    const tiny = await readTeacherPairs(path, { chunkBytes: 5 });
    expect([...tiny.positiveScores]).toEqual([...whole.positiveScores]);
    expect([...tiny.negativeCodes]).toEqual([...whole.negativeCodes]);
    expect(tiny.passageId(tiny.positiveCodes[2] as number)).toBe('doc A');
  });

  it('reports progress in bytes and honours an abort signal', async () => {
    const path = await temp.write('progress.tsv', `${LINES.join('\n')}\n`);
    const seen: number[] = [];
    await readTeacherPairs(path, { chunkBytes: 16, onProgress: (p) => seen.push(p.done) });
    expect(seen[seen.length - 1]).toBe(Buffer.byteLength(`${LINES.join('\n')}\n`));
    const controller = new AbortController();
    controller.abort();
    await expect(readTeacherPairs(path, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });

  const malformed: Array<[string, string, RegExp]> = [
    [
      'bad score',
      '1\t2\t3\t4\t5\nx1.5\t2\t3\t4\t5\n',
      /bad-score.tsv:2, field "pos_score": pos_score is not a finite number: "x1.5"/,
    ],
    ['infinite score', '1\t1e999\t3\t4\t5\n', /:1, field "neg_score": neg_score is not a finite number/],
    ['four fields', '1\t2\t3\t4\t5\n1\t2\t3\t4\n', /four-fields.tsv:2: line has 4 field\(s\), expected 5/],
    ['six fields', '1\t2\t3\t4\t5\t6\n', /six-fields.tsv:1: line has more than 5 fields/],
    ['empty line', '1\t2\t3\t4\t5\n\n1\t2\t3\t4\t5\n', /empty-line.tsv:2: line is empty/],
    ['empty qid', '1\t2\t\t4\t5\n', /empty-qid.tsv:1, field "qid": qid is empty/],
  ];
  for (const [name, text, message] of malformed) {
    it(`rejects a line with ${name}, naming file:line`, async () => {
      const path = await temp.write(`${name.replace(' ', '-')}.tsv`, text);
      await expect(readTeacherPairs(path)).rejects.toThrow(message);
    });
  }

  it('rejects an empty file', async () => {
    const path = await temp.write('empty.tsv', '');
    await expect(readTeacherPairs(path)).rejects.toThrow(/teacher score file has no lines/);
  });
});
