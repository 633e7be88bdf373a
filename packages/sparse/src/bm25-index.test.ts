import { RetrievekitError } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { createBm25IndexBuilder } from './bm25-index-builder.js';
import { byte4ToInt, intToByte4 } from './norms.js';

const passages = [
  { id: 'd1', title: 'Vitamin D', text: 'Vitamin D deficiency causes rickets in children.' },
  { id: 'd2', text: 'Sunlight exposure produces vitamin D in the skin; vitamin intake matters.' },
  { id: 'd3', text: 'Rickets is a disease of bones.' },
  { id: 'd4', text: 'the of and' },
  { id: 'd5', text: '' },
];

function build() {
  const builder = createBm25IndexBuilder();
  for (const p of passages) builder.add(p);
  return builder.build();
}

// Textbook BM25 (Lucene 8+ form, double precision) with Lucene's lossy lengths: the independent reference.
function referenceScore(
  tf: number,
  df: number,
  n: number,
  dl: number,
  avgdl: number,
  k1 = 0.9,
  b = 0.4,
): number {
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const length = byte4ToInt(intToByte4(dl));
  return (idf * tf) / (tf + k1 * (1 - b + (b * length) / avgdl));
}

describe('Bm25Index', () => {
  const index = build();

  it('keeps empty and stop-word-only documents out of the statistics', () => {
    expect(index.stats).toMatchObject({ numDocs: 5, docCount: 3 });
  });

  it('scores like textbook BM25 with Lucene norms to float32 precision', () => {
    const result = index.search('rickets');
    expect(result.ids).toEqual(['d3', 'd1']);
    const lengths = { d1: 8, d3: 3 }; // "vitamin d vitamin d defici caus rickets children", "rickets diseas bone"
    const avgdl = (8 + 9 + 3) / 3; // d2: sunlight exposur produc vitamin d skin vitamin intak matter
    expect(index.stats.avgdl).toBeCloseTo(avgdl, 5);
    expect(result.scores[0]).toBeCloseTo(referenceScore(1, 2, 3, lengths.d3, avgdl), 6);
    expect(result.scores[1]).toBeCloseTo(referenceScore(1, 2, 3, lengths.d1, avgdl), 6);
  });

  it('weights a repeated query term by its count (Anserini bag of words)', () => {
    const once = index.search('rickets').scores[0] as number;
    const twice = index.search('rickets rickets').scores[0] as number;
    expect(twice).toBeCloseTo(2 * once, 5);
  });

  it('returns an empty list for empty, stop-word-only and unknown queries', () => {
    for (const q of ['', '   ', 'the of and', 'zzzunknown', '!!!']) {
      expect(index.search(q)).toEqual({ ids: [], scores: new Float32Array(0) });
    }
    expect(index.search('rickets', { k: 0 }).ids).toEqual([]);
  });

  it('breaks score ties by collection id in byte order', () => {
    const builder = createBm25IndexBuilder();
    for (const id of ['b', 'a', 'c', '\u{1F600}', '\uFFFD']) builder.add({ id, text: 'same text' });
    const tied = builder.build();
    const result = tied.search('same', { k: 10 });
    expect(new Set(Array.from(result.scores)).size).toBe(1);
    expect(result.ids).toEqual(['a', 'b', 'c', '\uFFFD', '\u{1F600}']);
    expect(tied.search('same', { k: 2 }).ids).toEqual(['a', 'b']);
  });

  it('rejects a duplicate id naming both positions', () => {
    const builder = createBm25IndexBuilder();
    builder.add({ id: 'x', text: 'one' });
    builder.add({ id: 'y', text: 'two' });
    let error: unknown;
    try {
      builder.add({ id: 'x', text: 'three' });
    } catch (e) {
      error = e;
    }
    expect(RetrievekitError.hasCode(error, 'DUPLICATE_ID')).toBe(true);
    expect((error as Error).message).toMatch(/document id "x" at index 2 was already added at index 0/);
  });

  it('rejects bad parameters and bad k', () => {
    expect(() => createBm25IndexBuilder({ b: 2 })).toThrow(/b must be in \[0, 1\]/);
    expect(() => createBm25IndexBuilder({ k1: Number.NaN })).toThrow(/k1 must be a finite number/);
    expect(() => index.search('rickets', { k: -1 })).toThrow(/k must be a non-negative integer/);
  });

  it('indexes async streams with progress and honours abort', async () => {
    async function* stream() {
      for (const p of passages) yield p;
    }
    const builder = createBm25IndexBuilder();
    const seen: number[] = [];
    await builder.addAll(stream(), { onProgress: (p) => seen.push(p.done) });
    expect(builder.size).toBe(5);
    expect(seen.at(-1)).toBe(5);
    expect(builder.build().search('rickets').ids).toEqual(['d3', 'd1']);
    const controller = new AbortController();
    controller.abort();
    await expect(createBm25IndexBuilder().addAll(stream(), { signal: controller.signal })).rejects.toThrow(
      /cancelled/,
    );
  });

  it('implements Retriever', async () => {
    const lists = await index.retrieve(
      [
        { id: 'q1', text: 'vitamin' },
        { id: 'q2', text: 'the' },
      ],
      { k: 1 },
    );
    expect(lists.map((l) => l.ids)).toEqual([['d1'], []]); // tf 2 in 8 terms beats tf 2 in 9
  });
});
