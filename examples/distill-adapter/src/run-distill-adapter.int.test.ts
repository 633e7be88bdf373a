import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOptions } from './parse-options.js';
import { runDistillAdapter } from './run-distill-adapter.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

describe('distill-adapter example (small scale)', () => {
  it('builds the BM25 teacher, trains the adapter and reports base / adapted / teacher nDCG@10', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'distill-adapter-'));
    dirs.push(outDir);
    const { out, io } = capture();
    const result = await runDistillAdapter(io, {
      outDir,
      dim: 64,
      steps: 40,
      batchSize: 8,
      clusters: 8,
      learningRate: 1e-2,
      negativesPerQuery: 4,
      trainQueryLimit: 120,
    });
    expect(out.stderr).toBe('');
    expect(result).toBeDefined();
    if (result === undefined) return;
    // the teacher run is plain Anserini BM25: its published SciFact nDCG@10 is 0.6789
    expect(result.teacher).toBeCloseTo(0.6789, 4);
    expect(out.stdout).toContain('| teacher (BM25) | 0.6789 |');
    expect(result.base).toBeGreaterThan(0.05);
    expect(result.base).toBeLessThan(1);
    expect(result.adapted).toBeGreaterThan(0);
    expect(result.losses).toHaveLength(40);
    const csv = (await readFile(join(outDir, 'loss-curve.csv'), 'utf8')).trim().split('\n');
    expect(csv).toHaveLength(41);
    const json = JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'));
    expect(json.ndcg10.adapted).toBe(result.adapted);
    const teacherLines = (await readFile(join(outDir, 'teacher.tsv'), 'utf8')).trim().split('\n');
    expect(teacherLines).toHaveLength(result.pairs);
    expect(teacherLines[0]?.split('\t')).toHaveLength(5);
  });

  it('says in one line that SciFact is missing and returns no result', async () => {
    const { out, io } = capture();
    expect(await runDistillAdapter(io, { dataDir: '/nonexistent/scifact' })).toBeUndefined();
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/SciFact not found at \/nonexistent\/scifact/);
  });

  it('rejects unknown and non-numeric options', async () => {
    await expect(parseOptions(['--stepz', '3'])).rejects.toThrow(/unknown option --stepz/);
    await expect(parseOptions(['--steps', 'many'])).rejects.toThrow(/--steps must be a number, got many/);
    expect(await parseOptions(['--steps', '5', '--out', 'x'])).toEqual({ steps: 5, outDir: 'x' });
  });
});
