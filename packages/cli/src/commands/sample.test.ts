import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../capture-io.test-helper.js';
import { sampleCommand } from './sample.js';

// 6 queries with 5 pairs each; margins spread so that several bins are used.
const lines: string[] = [];
const scoreOf = new Map<string, [number, number]>();
for (let q = 0; q < 6; q++)
  for (let p = 0; p < 5; p++) {
    const pos = 10 + p;
    const neg = q + p * 0.5;
    lines.push(`${pos}\t${neg}\t${q}\t${100 * q + p}\t${900 + p}`);
    scoreOf.set(`${q}/${100 * q + p}/${900 + p}`, [pos, neg]);
  }

let work: { dir: string; remove: () => void };
let base: string[];
beforeEach(() => {
  work = tempDir('sample');
  writeFileSync(join(work.dir, 'pairs.tsv'), `${lines.join('\n')}\n`);
  writeFileSync(join(work.dir, 'clusters.txt'), '0 1 2\n3 4 5\n');
  writeFileSync(join(work.dir, 'queries.tsv'), '0\tzero\n1\tone\n2\ttwo\n3\tthree\n4\tfour\n');
  base = [
    '--pairs',
    join(work.dir, 'pairs.tsv'),
    '--clusters',
    join(work.dir, 'clusters.txt'),
    '--batch-size',
    '3',
  ];
});
afterEach(() => work.remove());

describe('retrievekit sample', () => {
  it('writes TAS-Balanced batches from one cluster each, with the teacher scores of the file', async () => {
    const out = join(work.dir, 'b.jsonl');
    const r = await runCli(sampleCommand, [...base, '--batches', '4', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote 4 batches \(12 pairs\) to .*b\.jsonl\n {2}distinct queries \d, distinct clusters [12]\n {2}clusters 2 \(sizes 3\.\.3, mean 3\.0\)/,
    );
    const batches = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(batches).toHaveLength(4);
    for (const b of batches) {
      const topics = new Set(b.query_ids.map((q: string) => (Number(q) < 3 ? 'a' : 'b')));
      expect(topics.size).toBe(1);
      b.query_ids.forEach((q: string, i: number) => {
        expect([b.teacher_positive[i], b.teacher_negative[i]]).toEqual(
          scoreOf.get(`${q}/${b.positive_ids[i]}/${b.negative_ids[i]}`),
        );
      });
    }
    const again = join(work.dir, 'c.jsonl');
    await runCli(sampleCommand, [...base, '--batches', '4', '--out', again]);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });
  it('--json statistics, TSV output, the random sampler and the --queries warning', async () => {
    const out = join(work.dir, 'b.tsv');
    const r = await runCli(sampleCommand, [
      ...base,
      '--batches',
      '2',
      '--out',
      out,
      '--json',
      '--queries',
      join(work.dir, 'queries.tsv'),
    ]);
    expect(r.stderr).toBe(
      `retrievekit sample: warning: 1 queries of --pairs have no text in ${join(work.dir, 'queries.tsv')} (first: 5)\n`,
    );
    const stats = JSON.parse(r.stdout);
    expect(stats).toMatchObject({
      sampler: 'tas-balanced',
      batches: 2,
      pairs: 6,
      setup: { clusterCount: 2 },
    });
    expect(stats.setup.pairsPerBin.reduce((a: number, b: number) => a + b, 0)).toBe(30);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(6);
    const random = await runCli(sampleCommand, [
      '--pairs',
      join(work.dir, 'pairs.tsv'),
      '--sampler',
      'random',
      '--batch-size',
      '4',
      '--batches',
      '3',
      '--out',
      out,
      '--json',
    ]);
    expect(JSON.parse(random.stdout)).toMatchObject({ sampler: 'random', pairs: 12, distinctClusters: 0 });
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^0\t-1\t\d\t\d+\t90\d\t1\d\t[\d.]+$/);
  });
  it('bad input files exit 1 naming the file and line', async () => {
    writeFileSync(join(work.dir, 'bad.tsv'), '1\t2\t3\t4\n');
    const bad = await runCli(sampleCommand, [
      '--pairs',
      join(work.dir, 'bad.tsv'),
      '--clusters',
      join(work.dir, 'clusters.txt'),
      '--batch-size',
      '2',
      '--out',
      join(work.dir, 'o.jsonl'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.tsv:1/);
    const missing = await runCli(sampleCommand, [
      ...base.slice(0, 2),
      '--clusters',
      join(work.dir, 'none.txt'),
      '--batch-size',
      '2',
      '--out',
      'o.jsonl',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/none\.txt: no such file\n {2}hint: check the path given to --clusters/);
  });
  it('usage errors exit 2', async () => {
    const out = ['--out', join(work.dir, 'o.jsonl')];
    expect((await runCli(sampleCommand, [...base, ...out, '--sampler', 'hard'])).stderr).toMatch(
      /--sampler must be one of tas-balanced, topic, random, got "hard"/,
    );
    expect((await runCli(sampleCommand, [...base, '--out', 'x.csv'])).stderr).toMatch(
      /--out must end in \.jsonl or \.tsv/,
    );
    expect((await runCli(sampleCommand, [...base.slice(0, 4), ...out])).stderr).toMatch(
      /--batch-size is required/,
    );
    const zero = await runCli(sampleCommand, [...base, ...out, '--batches', '0']);
    expect(zero.code).toBe(2);
  });
  it('a cancelled run leaves no output and no temporary file', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await runCli(sampleCommand, [...base, '--out', join(work.dir, 'o.jsonl')], {
      signal: controller.signal,
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/cancelled/);
    expect(existsSync(join(work.dir, 'o.jsonl'))).toBe(false);
    expect(readdirSync(work.dir).sort()).toEqual(['clusters.txt', 'pairs.tsv', 'queries.tsv']);
  });
  it('--help shows examples', async () => {
    expect((await runCli(sampleCommand, ['--help'])).stdout).toMatch(
      /Examples:\n {2}retrievekit sample --pairs/,
    );
  });
});
