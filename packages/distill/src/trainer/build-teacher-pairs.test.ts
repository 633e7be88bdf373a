import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Query, RankedList, Retriever } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { buildTeacherPairs } from './build-teacher-pairs.js';
import { writeTeacherPairsTsv } from './write-teacher-pairs.js';

const rankings: Record<string, RankedList> = {
  q1: { ids: ['d3', 'd1', 'd4', 'd2', 'd5'], scores: [9, 8, 7, 6, 5] },
  q2: { ids: ['d2', 'd5'], scores: [4.5, 1.25] },
};
const retriever: Retriever = {
  name: 'fake',
  retrieve: async (queries: readonly Query[]) =>
    queries.map((q) => rankings[q.id] ?? { ids: [], scores: [] }),
};
const queries: Query[] = [
  { id: 'q1', text: 'one' },
  { id: 'q2', text: 'two' },
  { id: 'q3', text: 'three' },
];

describe('buildTeacherPairs', () => {
  it('pairs scored positives with the best non-relevant passages and reports unscored positives', async () => {
    const qrels = new Map([
      [
        'q1',
        new Map([
          ['d1', 1],
          ['d2', 2],
          ['d3', 0],
          ['d9', 1],
        ]),
      ],
      ['q2', new Map([['d2', 1]])],
      ['q3', new Map([['d7', 0]])],
    ]);
    const result = await buildTeacherPairs({ queries, qrels, retriever, depth: 5, negativesPerQuery: 2 });
    const lines = result.pairs.map(
      (p) => `${p.queryId} ${p.positiveId}:${p.positiveScore} ${p.negativeId}:${p.negativeScore}`,
    );
    // q1: negatives d3 (grade 0) and d4 (unjudged); positives d1, d2; d9 is not retrieved
    expect(lines).toEqual([
      'q1 d1:8 d3:9',
      'q1 d1:8 d4:7',
      'q1 d2:6 d3:9',
      'q1 d2:6 d4:7',
      'q2 d2:4.5 d5:1.25',
    ]);
    expect(result.unscoredPositives).toEqual([{ queryId: 'q1', passageId: 'd9' }]);
    expect(result.queriesJudged).toBe(2);
    expect(result.queriesWithPairs).toBe(2);
  });

  it('fails on a judged query without text and on bad options', async () => {
    const qrels = new Map([['q4', new Map([['d1', 1]])]]);
    await expect(buildTeacherPairs({ queries, qrels, retriever })).rejects.toThrow(
      /judged query q4 has no text/,
    );
    await expect(buildTeacherPairs({ queries, qrels, retriever, depth: 0 })).rejects.toThrow(
      /depth must be a positive integer, got 0/,
    );
  });
});

describe('writeTeacherPairsTsv', () => {
  it('writes the spec layout atomically and rejects ids with tabs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teacher-'));
    try {
      const path = join(dir, 'teacher.tsv');
      const row = {
        queryId: 'q1',
        positiveId: 'd1',
        negativeId: 'd2',
        positiveScore: 8.5,
        negativeScore: -1,
      };
      await writeTeacherPairsTsv(path, [row, { ...row, negativeId: 'd3' }]);
      expect(await readFile(path, 'utf8')).toBe('8.5\t-1\tq1\td1\td2\n8.5\t-1\tq1\td1\td3\n');
      await expect(writeTeacherPairsTsv(path, [{ ...row, queryId: 'a\tb' }])).rejects.toThrow(
        /pair 0 has id "a\\tb"/,
      );
      expect(await readdir(dir)).toEqual(['teacher.tsv']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
