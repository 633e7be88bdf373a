import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSparseVector, RetrievekitError } from '@retrievekit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createEnglishAnalyzer } from '../analysis/english-analyzer.js';
import { createBm25IndexBuilder } from '../bm25-index-builder.js';
import { createImpactIndexBuilder } from '../impact-index-builder.js';
import { loadBm25Index, saveBm25Index } from './bm25-persistence.js';
import { loadImpactIndex, saveImpactIndex } from './impact-persistence.js';

const root = await mkdtemp(path.join(tmpdir(), 'rk-sparse-'));
afterAll(() => rm(root, { recursive: true, force: true }));

function buildBm25() {
  const builder = createBm25IndexBuilder();
  builder.add({ id: 'd1', title: 'Vitamin D', text: 'Vitamin D deficiency causes rickets.' });
  builder.add({ id: 'd2', text: 'Sunlight produces vitamin D in the skin.' });
  builder.add({ id: 'd3', text: '' });
  return builder.build();
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (RetrievekitError.isInstance(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'resolved';
}

describe('index persistence', () => {
  it('round-trips a BM25 index with identical results, overwriting atomically', async () => {
    const index = buildBm25();
    const dir = path.join(root, 'bm25');
    await saveBm25Index(index, dir);
    await saveBm25Index(index, dir); // overwrite an existing folder
    expect((await readdir(root)).filter((n) => n.startsWith('bm25'))).toEqual(['bm25']);
    expect((await readdir(dir)).sort()).toEqual(['index.bin', 'manifest.json']);
    const loaded = await loadBm25Index(dir);
    for (const q of ['vitamin', 'rickets sunlight', 'the']) expect(loaded.search(q)).toEqual(index.search(q));
    expect(loaded.stats).toEqual(index.stats);
    const retuned = await loadBm25Index(dir, { k1: 1.2, b: 0.75 });
    expect(retuned.search('vitamin').scores).not.toEqual(index.search('vitamin').scores);
  });

  it('reports a flipped byte or a truncated file as CORRUPT_DATA', async () => {
    const dir = path.join(root, 'corrupt');
    await saveBm25Index(buildBm25(), dir);
    const file = path.join(dir, 'index.bin');
    const bytes = await readFile(file);
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] as number) ^ 0xff;
    await writeFile(file, bytes);
    expect(await codeOf(loadBm25Index(dir))).toMatch(/^CORRUPT_DATA: .*index\.bin: checksum mismatch/);
    await truncate(file, 100);
    expect(await codeOf(loadBm25Index(dir))).toMatch(/^CORRUPT_DATA: .*file has 100 bytes, manifest says/);
    await writeFile(path.join(dir, 'manifest.json'), '{"format":');
    expect(await codeOf(loadBm25Index(dir))).toMatch(/^CORRUPT_DATA: .*manifest is not valid JSON/);
  });

  it('reports missing folders, wrong kinds, versions and analyzers', async () => {
    expect(await codeOf(loadBm25Index(path.join(root, 'nope')))).toMatch(
      /^NOT_FOUND: .*manifest\.json: cannot read index file/,
    );
    const dir = path.join(root, 'kinds');
    const builder = createImpactIndexBuilder();
    builder.add('a', createSparseVector([[3, 1]]));
    await saveImpactIndex(builder.build(), dir);
    expect(await codeOf(loadBm25Index(dir))).toMatch(
      /^INVALID_ARGUMENT: .*holds a "impact" index, not "bm25"/,
    );
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, version: 99 }));
    expect(await codeOf(loadImpactIndex(dir))).toMatch(/^UNSUPPORTED: .*index format version 99/);

    const custom = createBm25IndexBuilder({ analyzer: createEnglishAnalyzer({ stem: false }) });
    custom.add({ id: 'x', text: 'running' });
    const customDir = path.join(root, 'custom');
    await saveBm25Index(custom.build(), customDir);
    expect(await codeOf(loadBm25Index(customDir))).toMatch(/built with analyzer "lucene-english-custom"/);
    const loaded = await loadBm25Index(customDir, { analyzer: createEnglishAnalyzer({ stem: false }) });
    expect(loaded.search('running').ids).toEqual(['x']);
  });

  it('round-trips an impact index', async () => {
    const builder = createImpactIndexBuilder();
    builder.add(
      'a',
      createSparseVector([
        [3, 1.5],
        [70_000, 0.25],
      ]),
    );
    builder.add('b', createSparseVector([[3, 700]])); // impact 70,000 needs 32-bit storage
    const index = builder.build();
    const dir = path.join(root, 'impact');
    await saveImpactIndex(index, dir);
    const loaded = await loadImpactIndex(dir);
    const query = createSparseVector([
      [3, 1],
      [70_000, 2],
    ]);
    expect(loaded.search(query)).toEqual(index.search(query));
    expect(loaded.flops()).toBe(index.flops());
  });
});
