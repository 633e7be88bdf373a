import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../capture-io.test-helper.js';
import { clusterCommand } from './cluster.js';

const DIM = 8;
// Three topics: query q{t}_{i} points along axis t (plus a small, deterministic wobble on axis 7).
const ids = [0, 1, 2].flatMap((t) => [0, 1, 2, 3].map((i) => `q${t}_${i}`));
const vectors = new Float32Array(ids.length * DIM);
ids.forEach((_, row) => {
  vectors[row * DIM + Math.floor(row / 4)] = 1;
  vectors[row * DIM + 7] = 0.01 * (row % 4);
});

function npy(data: Float32Array, shape: string, descr = '<f4'): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  header = header.padEnd(64 - 10 - 1, ' ');
  const prefix = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0]);
  prefix.writeUInt16LE(header.length + 1, 8);
  return Buffer.concat([prefix, Buffer.from(`${header}\n`, 'latin1'), Buffer.from(data.buffer)]);
}

let work: { dir: string; remove: () => void };
let queries: string;
beforeEach(() => {
  work = tempDir('cluster');
  queries = join(work.dir, 'queries.tsv');
  writeFileSync(queries, ids.map((id) => `${id}\ttext of ${id}\n`).join(''));
  writeFileSync(join(work.dir, 'v.npy'), npy(vectors, `(${ids.length}, ${DIM})`));
  writeFileSync(join(work.dir, 'v.f32'), Buffer.from(vectors.buffer));
});
afterEach(() => work.remove());

const topics = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split(' ').sort().join(' '))
    .sort();
const expected = [0, 1, 2].map((t) => [0, 1, 2, 3].map((i) => `q${t}_${i}`).join(' '));

describe('retrievekit cluster', () => {
  it('recovers the three topics from a .npy file and from raw float32 + --dim', async () => {
    const out = join(work.dir, 'clusters.txt');
    const r = await runCli(clusterCommand, [
      '--queries',
      queries,
      '--vectors',
      join(work.dir, 'v.npy'),
      '--k',
      '3',
      '--init',
      'kmeans++',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote 3 clusters of 12 queries to .*clusters\.txt \(sizes 4\.\.4, /);
    expect(topics(readFileSync(out, 'utf8'))).toEqual(expected);
    const raw = join(work.dir, 'raw.txt');
    const json = await runCli(clusterCommand, [
      '--queries',
      queries,
      '--vectors',
      join(work.dir, 'v.f32'),
      '--dim',
      '8',
      '--k',
      '3',
      '--seed',
      '3',
      '--init',
      'kmeans++',
      '--out',
      raw,
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      queries: 12,
      k: 3,
      clusterSizeMin: 4,
      clusterSizeMax: 4,
    });
    expect(topics(readFileSync(raw, 'utf8'))).toEqual(expected);
  });
  it('rejects malformed vector files naming the file', async () => {
    const base = ['--queries', queries, '--k', '3', '--out', join(work.dir, 'c.txt')];
    writeFileSync(join(work.dir, 'f8.npy'), npy(new Float32Array(24), '(12, 4)', '<f8'));
    const f8 = await runCli(clusterCommand, [...base, '--vectors', join(work.dir, 'f8.npy')]);
    expect(f8.code).toBe(1);
    expect(f8.stderr).toMatch(/f8\.npy: dtype is <f8, expected float32/);
    writeFileSync(join(work.dir, 'short.npy'), npy(new Float32Array(10), '(12, 8)'));
    expect(
      (await runCli(clusterCommand, [...base, '--vectors', join(work.dir, 'short.npy')])).stderr,
    ).toMatch(/short\.npy: holds 40 data bytes, shape \(12, 8\) needs 384/);
    const odd = await runCli(clusterCommand, [...base, '--vectors', join(work.dir, 'v.f32'), '--dim', '7']);
    expect(odd.stderr).toMatch(/v\.f32: 384 bytes is not a whole number of 7-float rows/);
    const rows = await runCli(clusterCommand, [...base, '--vectors', join(work.dir, 'v.f32'), '--dim', '4']);
    expect(rows.stderr).toMatch(/24 vectors for 12 queries/);
  });
  it('missing files exit 1 naming the file and the flag', async () => {
    const r = await runCli(clusterCommand, [
      '--queries',
      join(work.dir, 'nope.tsv'),
      '--vectors',
      join(work.dir, 'v.npy'),
      '--k',
      '2',
      '--out',
      'x',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.tsv: no such file\n {2}hint: check the path given to --queries/);
  });
  it('usage errors exit 2, including --cluster-with together with --vectors', async () => {
    const base = ['--queries', queries, '--vectors', join(work.dir, 'v.npy'), '--out', 'x'];
    expect((await runCli(clusterCommand, base)).stderr).toMatch(/--k is required/);
    const zero = await runCli(clusterCommand, [...base, '--k', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--k expects an integer >= 1, got "0"/);
    expect((await runCli(clusterCommand, [...base, '--k', '13'])).stderr).toMatch(
      /--k 13 is more than the 12 queries/,
    );
    const raw = await runCli(clusterCommand, [
      '--queries',
      queries,
      '--vectors',
      join(work.dir, 'v.f32'),
      '--k',
      '2',
      '--out',
      'x',
    ]);
    expect(raw.stderr).toMatch(/a raw float32 file needs --dim/);
    const both = await runCli(clusterCommand, [...base, '--cluster-with', 'model', '--k', '2']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--cluster-with and --vectors are mutually exclusive/);
    const neither = await runCli(clusterCommand, ['--queries', queries, '--k', '2', '--out', 'x']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/--vectors or --cluster-with is required/);
    const wrongSide = await runCli(clusterCommand, [...base, '--k', '2', '--batch-size', '8']);
    expect(wrongSide.code).toBe(2);
    expect(wrongSide.stderr).toMatch(/--batch-size only applies with --cluster-with/);
    const short = await runCli(clusterCommand, [
      '--queries',
      queries,
      '--cluster-with',
      'model',
      '--query-max-length',
      '2',
      '--k',
      '2',
      '--out',
      'x',
    ]);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/--query-max-length expects an integer >= 3, got "2"/);
  });
  it('a cancelled run writes no cluster file', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = join(work.dir, 'c.txt');
    const r = await runCli(
      clusterCommand,
      ['--queries', queries, '--vectors', join(work.dir, 'v.npy'), '--k', '3', '--out', out],
      { signal: controller.signal },
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/cancelled/);
    expect(() => readFileSync(out)).toThrow();
  });
  it('--help shows examples', async () => {
    expect((await runCli(clusterCommand, ['-h'])).stdout).toMatch(
      /Examples:\n {2}retrievekit cluster --queries/,
    );
  });
});
