import type { TeacherPairs } from './teacher-pairs.js';

/**
 * Each query's pairs split into equal-width margin bins, keeping only non-empty bins (CSR layout).
 * Query q (dense index) has non-empty bins `queryBinOffsets[q] .. queryBinOffsets[q + 1]`; bin b holds
 * pairs `pairs[binOffsets[b] .. binOffsets[b + 1])` and is bin number `binNumber[b]` of `binCount`.
 */
export interface MarginBins {
  readonly binCount: number;
  readonly queryBinOffsets: Int32Array;
  readonly binOffsets: Int32Array;
  readonly binNumber: Uint8Array;
  readonly pairs: Int32Array;
}

/**
 * Bins the margins `m = t+ - t-` of each listed query into `binCount` equal-width bins over
 * [min m, max m]: bin = floor((m - min) / width), width = (max - min) / binCount, the maximum going to
 * the last bin. When all margins of a query are equal (including a query with a single pair) they all
 * go to bin 0: one non-empty bin. Queries not listed get no bins.
 */
export function computeMarginBins(pairs: TeacherPairs, queries: Int32Array, binCount: number): MarginBins {
  const queryBinOffsets = new Int32Array(pairs.queryCount + 1);
  let pairTotal = 0;
  const listed = new Uint8Array(pairs.queryCount);
  for (const q of queries) {
    listed[q] = 1;
    pairTotal += (pairs.queryOffsets[q + 1] as number) - (pairs.queryOffsets[q] as number);
  }
  const binPairs = new Int32Array(pairTotal);
  const binOffsets: number[] = [0];
  const binNumber: number[] = [];
  const counts = new Int32Array(binCount);
  let written = 0;
  for (let q = 0; q < pairs.queryCount; q++) {
    queryBinOffsets[q] = binNumber.length;
    if (listed[q] === 0) continue;
    const start = pairs.queryOffsets[q] as number;
    const end = pairs.queryOffsets[q + 1] as number;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = start; k < end; k++) {
      const p = pairs.pairsByQuery[k] as number;
      const m = (pairs.positiveScores[p] as number) - (pairs.negativeScores[p] as number);
      if (m < min) min = m;
      if (m > max) max = m;
    }
    const width = (max - min) / binCount;
    const binOf = (p: number): number => {
      if (!(max > min)) return 0;
      const m = (pairs.positiveScores[p] as number) - (pairs.negativeScores[p] as number);
      return Math.min(binCount - 1, Math.floor((m - min) / width));
    };
    counts.fill(0);
    for (let k = start; k < end; k++) {
      const b = binOf(pairs.pairsByQuery[k] as number);
      counts[b] = (counts[b] as number) + 1;
    }
    const cursor = new Int32Array(binCount);
    let offset = written;
    for (let b = 0; b < binCount; b++) {
      cursor[b] = offset;
      const n = counts[b] as number;
      if (n === 0) continue;
      offset += n;
      binNumber.push(b);
      binOffsets.push(offset);
    }
    for (let k = start; k < end; k++) {
      const p = pairs.pairsByQuery[k] as number;
      const b = binOf(p);
      binPairs[cursor[b] as number] = p;
      cursor[b] = (cursor[b] as number) + 1;
    }
    written = offset;
  }
  queryBinOffsets[pairs.queryCount] = binNumber.length;
  return {
    binCount,
    queryBinOffsets,
    binOffsets: Int32Array.from(binOffsets),
    binNumber: Uint8Array.from(binNumber),
    pairs: binPairs,
  };
}
