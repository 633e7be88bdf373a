import { describe, expect, it } from 'vitest';
import { createRandomSampler, createTopicSampler } from './baseline-samplers.js';
import { samplerStatistics } from './sampler-statistics.js';
import { createTasBalancedSampler } from './tas-balanced-sampler.js';
import type { TeacherPairRecord } from './teacher-pairs.js';
import { teacherPairsFromRecords } from './teacher-pairs.js';
import { chiSquareUniform } from './test-support/temp-dir.js';

/** Queries q0..q{n-1}, each with `perQuery` pairs of margins 0, 1, 2, ... */
function records(queries: number, perQuery: number): TeacherPairRecord[] {
  const out: TeacherPairRecord[] = [];
  for (let q = 0; q < queries; q++) {
    for (let k = 0; k < perQuery; k++) {
      out.push({
        queryId: `q${q}`,
        positiveId: `p${q}_${k}`,
        negativeId: `n${q}_${k}`,
        positiveScore: k,
        negativeScore: 0,
      });
    }
  }
  return out;
}

const ids = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `q${from + i}`);

describe('createTasBalancedSampler', () => {
  const pairs = teacherPairsFromRecords(records(100, 12));
  const clusters = [ids(0, 40), ids(40, 80), ids(80, 100)];

  it('is reproducible by seed and differs across seeds', async () => {
    const a = createTasBalancedSampler(pairs, clusters, { batchSize: 16, seed: 5 });
    const b = createTasBalancedSampler(pairs, clusters, { batchSize: 16, seed: 5 });
    const c = createTasBalancedSampler(pairs, clusters, { batchSize: 16, seed: 6 });
    const fromA: number[][] = [];
    for await (const batch of a.batches({ limit: 5 })) fromA.push([...batch.pairIndices]);
    const fromB = Array.from({ length: 5 }, () => [...b.next().pairIndices]);
    const fromC = Array.from({ length: 5 }, () => [...c.next().pairIndices]);
    expect(fromB).toEqual(fromA);
    expect(fromC).not.toEqual(fromA);
  });

  it('draws each batch from one cluster, without repeating a query within a draw', () => {
    const sampler = createTasBalancedSampler(pairs, clusters, { batchSize: 16, seed: 1 });
    for (let n = 0; n < 50; n++) {
      const batch = sampler.next();
      expect(new Set(batch.clusterIds).size).toBe(1);
      const cluster = clusters[batch.clusterIds[0] as number] as string[];
      expect(batch.queryIds.every((id) => cluster.includes(id))).toBe(true);
      expect(new Set(batch.queryIds).size).toBe(16);
      expect(batch.index).toBe(n);
    }
  });

  it('fills a batch from several clusters when they are smaller than the target', () => {
    const small = [ids(0, 3), ids(3, 5), ids(5, 9)];
    const sampler = createTasBalancedSampler(pairs, small, { batchSize: 10, seed: 2 });
    for (let n = 0; n < 30; n++) {
      const batch = sampler.next();
      expect(batch.queryIds).toHaveLength(10);
      // a small cluster is used whole, then another is drawn (possibly the same one again): split each
      // run of one cluster id into draws of |cluster| queries; each draw is the whole cluster
      let start = 0;
      while (start < 10) {
        const cluster = small[batch.clusterIds[start] as number] as string[];
        const end = Math.min(10, start + cluster.length);
        const draw = batch.queryIds.slice(start, end);
        expect(batch.clusterIds.subarray(start, end).every((c) => c === batch.clusterIds[start])).toBe(true);
        expect(new Set(draw).size).toBe(draw.length);
        if (end - start === cluster.length) expect([...draw].sort()).toEqual([...cluster].sort());
        start = end;
      }
    }
  });

  it('splits the batch target over clustersPerBatch clusters', () => {
    const sampler = createTasBalancedSampler(pairs, clusters, {
      batchSize: 16,
      clustersPerBatch: 4,
      seed: 3,
    });
    const batch = sampler.next();
    for (let g = 0; g < 4; g++) expect(new Set(batch.clusterIds.subarray(g * 4, g * 4 + 4)).size).toBe(1);
  });

  it('chooses uniformly among non-empty bins, however unequal their sizes (chi-square, fixed seed)', () => {
    // margins: 200 pairs at 0 (bin 0), 1 pair at 5 (bin 5), 30 pairs at 9 and 1 at 10 (bin 9)
    const margins = [...Array(200).fill(0), 5, ...Array(30).fill(9), 10];
    const skewed = teacherPairsFromRecords(
      margins.map((m, k) => ({
        queryId: 'only',
        positiveId: `p${k}`,
        negativeId: 'n',
        positiveScore: m,
        negativeScore: 0,
      })),
    );
    const sampler = createTasBalancedSampler(skewed, [['only']], { batchSize: 100, seed: 11 });
    const counts = [0, 0, 0];
    for (let n = 0; n < 60; n++) {
      for (const p of sampler.next().pairIndices) {
        const m = margins[p] as number;
        counts[m === 0 ? 0 : m === 5 ? 1 : 2] = (counts[m === 0 ? 0 : m === 5 ? 1 : 2] as number) + 1;
      }
    }
    // 2 degrees of freedom: p = 0.001 critical value 13.82
    expect(chiSquareUniform(counts)).toBeLessThan(13.82);
    const stats = samplerStatistics(sampler.clusters, sampler.bins);
    expect([...stats.pairsPerBin]).toEqual([200, 0, 0, 0, 0, 1, 0, 0, 0, 31]);
    expect(stats.nonEmptyBinHistogram[3]).toBe(1);
  });

  it('samples equal margins and single-pair queries uniformly from their one bin', () => {
    const flat = teacherPairsFromRecords([
      ...[0, 1, 2, 3].map((k) => ({
        queryId: 'flat',
        positiveId: `p${k}`,
        negativeId: 'n',
        positiveScore: 2,
        negativeScore: 1,
      })),
      { queryId: 'single', positiveId: 's', negativeId: 'n', positiveScore: 1, negativeScore: 9 },
    ]);
    const sampler = createTasBalancedSampler(flat, [['flat', 'single']], { batchSize: 2, seed: 4 });
    const counts = [0, 0, 0, 0];
    for (let n = 0; n < 2000; n++) {
      const batch = sampler.next();
      for (let i = 0; i < 2; i++) {
        const p = batch.pairIndices[i] as number;
        if (batch.queryIds[i] === 'single') expect(p).toBe(4);
        else counts[p] = (counts[p] as number) + 1;
      }
    }
    // 3 degrees of freedom: p = 0.001 critical value 16.27
    expect(chiSquareUniform(counts)).toBeLessThan(16.27);
  });

  it('keeps only queries with pairs, drops empty clusters and reports them', () => {
    const sampler = createTasBalancedSampler(pairs, [['q1', 'ghost'], ['nobody'], ids(2, 6)], {
      batchSize: 4,
    });
    const stats = samplerStatistics(sampler.clusters, sampler.bins);
    expect(stats.clusterCount).toBe(2);
    expect([...stats.clusterSizes]).toEqual([1, 4]);
    expect(stats.queriesWithoutPairs).toBe(2);
    expect(stats.emptyClustersDropped).toBe(1);
    expect(stats.queriesWithoutCluster).toBe(95);
    const batch = sampler.next();
    expect(batch.clusterIds.every((c) => c === 0 || c === 2)).toBe(true);
  });

  it('rejects clusters without any known query, duplicates and bad options', () => {
    expect(() => createTasBalancedSampler(pairs, [['ghost']])).toThrow(
      /no cluster has a query with teacher pairs/,
    );
    expect(() => createTasBalancedSampler(pairs, [['q1'], ['q1']])).toThrow(
      /query q1 is in clusters 0 and 1/,
    );
    expect(() => createTasBalancedSampler(pairs, clusters, { batchSize: 0 })).toThrow(
      /batchSize must be an integer in 1..inf, got 0/,
    );
    expect(() => createTasBalancedSampler(pairs, clusters, { batchSize: 4, clustersPerBatch: 5 })).toThrow(
      /clustersPerBatch must be an integer in 1..4/,
    );
  });

  it('stops the stream on abort', async () => {
    const controller = new AbortController();
    const sampler = createTasBalancedSampler(pairs, clusters, { batchSize: 4 });
    let seen = 0;
    await expect(
      (async () => {
        for await (const _ of sampler) {
          if (++seen === 3) controller.abort();
          if (seen > 3) break;
        }
      })(),
    ).resolves.toBeUndefined();
    const stream = sampler.batches({ signal: controller.signal });
    await expect(stream.next()).rejects.toThrow(/batch sampling was cancelled/);
  });
});

describe('baseline samplers', () => {
  const pairs = teacherPairsFromRecords(records(10, 5));

  it('random sampling covers pairs uniformly (chi-square, fixed seed)', () => {
    const sampler = createRandomSampler(pairs, { batchSize: 250, seed: 9 });
    const counts = new Array(50).fill(0);
    for (let n = 0; n < 40; n++) for (const p of sampler.next().pairIndices) counts[p]++;
    // 49 degrees of freedom: p = 0.001 critical value 85.35
    expect(chiSquareUniform(counts)).toBeLessThan(85.35);
    expect(sampler.next().clusterIds.every((c) => c === -1)).toBe(true);
  });

  it('topic-only sampling keeps cluster purity and picks any pair of the query', () => {
    const sampler = createTopicSampler(pairs, [ids(0, 5), ids(5, 10)], { batchSize: 5, seed: 8 });
    const seenPairs = new Set<number>();
    for (let n = 0; n < 200; n++) {
      const batch = sampler.next();
      expect(new Set(batch.clusterIds).size).toBe(1);
      for (const p of batch.pairIndices) seenPairs.add(p);
    }
    expect(seenPairs.size).toBe(50);
  });
});
