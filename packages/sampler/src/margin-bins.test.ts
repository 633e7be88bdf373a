import { describe, expect, it } from 'vitest';
import { computeMarginBins } from './margin-bins.js';
import type { TeacherPairRecord } from './teacher-pairs.js';
import { teacherPairsFromRecords } from './teacher-pairs.js';

function withMargins(queryId: string, margins: number[]): TeacherPairRecord[] {
  return margins.map((m, i) => ({
    queryId,
    positiveId: `p${i}`,
    negativeId: `n${i}`,
    positiveScore: m,
    negativeScore: 0,
  }));
}

function binsOf(margins: number[], binCount = 10): number[][] {
  const pairs = teacherPairsFromRecords(withMargins('q', margins));
  const bins = computeMarginBins(pairs, Int32Array.of(0), binCount);
  const out: number[][] = [];
  for (let b = bins.queryBinOffsets[0] as number; b < (bins.queryBinOffsets[1] as number); b++) {
    const members = [...bins.pairs.subarray(bins.binOffsets[b], bins.binOffsets[b + 1])];
    out.push([bins.binNumber[b] as number, ...members.map((p) => margins[p] as number)]);
  }
  return out;
}

describe('computeMarginBins', () => {
  it('splits [min, max] into equal-width bins with the maximum in the last bin', () => {
    // width (20 - 0) / 10 = 2: 0 -> bin 0, 1.9 -> 0, 2 -> 1, 9.99 -> 4, 10 -> 5, 19.9 -> 9, 20 -> 9
    expect(binsOf([0, 1.9, 2, 9.99, 10, 19.9, 20])).toEqual([
      [0, 0, 1.9],
      [1, 2],
      [4, 9.99],
      [5, 10],
      [9, 19.9, 20],
    ]);
  });

  it('puts equal margins, and a single pair, in one bin', () => {
    expect(binsOf([3, 3, 3])).toEqual([[0, 3, 3, 3]]);
    expect(binsOf([-4])).toEqual([[0, -4]]);
  });

  it('handles negative margins and other bin counts', () => {
    expect(binsOf([-3, -1, 1], 2)).toEqual([
      [0, -3],
      [1, -1, 1],
    ]);
  });
});

describe('teacherPairsFromRecords', () => {
  it('rejects non-finite scores and empty ids, naming the pair', () => {
    const good = { queryId: 'q', positiveId: 'p', negativeId: 'n', positiveScore: 1, negativeScore: 0 };
    expect(() => teacherPairsFromRecords([good, { ...good, negativeScore: Number.NaN }])).toThrow(
      /index 1: pair 1 has scores 1 and NaN/,
    );
    expect(() => teacherPairsFromRecords([{ ...good, queryId: '' }])).toThrow(/pair 0 has an empty id/);
  });
});
