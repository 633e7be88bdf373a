import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTrainingData } from './build-training-data.js';
import { parseArgs } from './parse-args.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

interface JsonBatch {
  batch: number;
  query_ids: string[];
  positive_ids: string[];
  negative_ids: string[];
  teacher_positive: number[];
  teacher_negative: number[];
  cluster_ids: number[];
}

describe('tas-b-training-data example (small scale)', () => {
  it('writes batches whose pairs and clusters agree with the teacher and cluster files', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'tas-b-data-'));
    dirs.push(outDir);
    const { out, io } = capture();
    const result = await buildTrainingData(io, {
      outDir,
      batches: 6,
      batchSize: 8,
      clusters: 6,
      dim: 64,
      negativesPerQuery: 4,
      trainQueryLimit: 100,
    });
    expect(out.stderr).toBe('');
    expect(result).toBeDefined();
    if (result === undefined) return;
    const teacher = new Map<string, [number, number]>();
    for (const line of (await readFile(result.teacherPath, 'utf8')).trim().split('\n')) {
      const [pos, neg, q, p, n] = line.split('\t');
      teacher.set(`${q} ${p} ${n}`, [Number(pos), Number(neg)]);
    }
    const clusterLines = (await readFile(result.clustersPath, 'utf8')).split('\n');
    const batches = (await readFile(result.batchesPath, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonBatch);
    expect(batches.map((b) => b.batch)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const b of batches) {
      expect(b.query_ids).toHaveLength(8);
      b.query_ids.forEach((q, i) => {
        const scores = teacher.get(`${q} ${b.positive_ids[i]} ${b.negative_ids[i]}`);
        expect(scores).toBeDefined();
        expect(b.teacher_positive[i]).toBeCloseTo(scores?.[0] ?? Number.NaN, 3);
        expect(b.teacher_negative[i]).toBeCloseTo(scores?.[1] ?? Number.NaN, 3);
        expect(clusterLines[b.cluster_ids[i] ?? -1]?.split(' ')).toContain(q);
      });
    }
    const stats = result.statistics;
    const sizes = [...stats.clusterSizes].reduce((a, b) => a + b, 0);
    expect(sizes).toBe(stats.nonEmptyBinHistogram.reduce((a, b) => a + b, 0));
    expect(out.stdout).toMatch(/Margin bin occupancy/);
    expect(out.stdout).toMatch(/bin {2}9:/);
  });

  it('says in one line that SciFact is missing', async () => {
    const { out, io } = capture();
    expect(await buildTrainingData(io, { dataDir: '/nonexistent/scifact' })).toBeUndefined();
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/SciFact not found at \/nonexistent\/scifact/);
  });

  it('parses options and rejects bad ones', () => {
    expect(parseArgs(['--batches', '3', '--out', 'x'])).toEqual({ batches: 3, outDir: 'x' });
    expect(() => parseArgs(['--bogus', '1'])).toThrow(/bad option --bogus/);
    expect(() => parseArgs(['--batches', 'ten'])).toThrow(/--batches must be a number, got ten/);
  });
});
