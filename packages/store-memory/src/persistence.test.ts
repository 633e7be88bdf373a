import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusteredVectors } from '@retrievekit/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from './create-memory-store.js';
import { openMemoryStore } from './open-memory-store.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-memory-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function saved(storage: 'f32' | 'f16' | 'int8' = 'f32'): Promise<string[]> {
  const vectors = clusteredVectors({ rows: 50, dim: 8, clusters: 4, seed: 1 });
  const store = createMemoryStore({ dim: 8, storage });
  const ids = Array.from({ length: 50 }, (_, i) => `p${i}`);
  await store.add({ ids, vectors, metadata: ids.map((id) => ({ id })) });
  await store.save(dir);
  return readdir(dir);
}

async function expectCorrupt(pattern: RegExp): Promise<void> {
  const error = await openMemoryStore(dir).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect((error as { code?: string }).code).toBe('CORRUPT_DATA');
  expect((error as Error).message).toMatch(pattern);
}

describe('memory store persistence', () => {
  it('writes a JSON manifest with sizes and SHA-256, binary vectors and ids, no temp files', async () => {
    const files = await saved('int8');
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'retrievekit-store-memory',
      version: 1,
      dim: 8,
      count: 50,
      storage: 'int8',
    });
    expect(manifest.files.vectors.bytes).toBe(50 * 8);
    expect(manifest.files.scales.bytes).toBe(50 * 4);
    expect(manifest.files.vectors.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a truncated vectors file as CORRUPT_DATA', async () => {
    const files = await saved();
    const vectors = files.find((name) => name.startsWith('vectors-')) ?? '';
    await truncate(join(dir, vectors), 100);
    await expectCorrupt(/100 bytes, the manifest says 1600/);
  });

  it('reports a flipped byte as CORRUPT_DATA (checksum)', async () => {
    const files = await saved('f16');
    const ids = files.find((name) => name.startsWith('vectors-')) ?? '';
    const bytes = await readFile(join(dir, ids));
    bytes[17] = (bytes[17] ?? 0) ^ 0x10;
    await writeFile(join(dir, ids), bytes);
    await expectCorrupt(/SHA-256/);
  });

  it('reports a missing data file, a broken manifest and an inconsistent count as CORRUPT_DATA', async () => {
    const files = await saved();
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, count: 51 }));
    await expectCorrupt(/vectors file size does not match 51 x 8/);
    await writeFile(manifestPath, '{"format": "retrievekit-store-memory", ');
    await expectCorrupt(/not valid JSON/);
    await writeFile(manifestPath, JSON.stringify(manifest));
    await rm(join(dir, files.find((name) => name.startsWith('ids-')) ?? ''));
    await expectCorrupt(/cannot be read/);
  });

  it('reports a folder without a manifest as NOT_FOUND', async () => {
    const error = await openMemoryStore(join(dir, 'nothing')).catch((caught: unknown) => caught);
    expect((error as { code?: string }).code).toBe('NOT_FOUND');
    expect((error as Error).message).toMatch(/manifest\.json is missing/);
  });
});

describe('int8 store with exact rescoring', () => {
  it('saves its exact vectors, reopens with rescoring, and reports a damaged exact file', async () => {
    const vectors = clusteredVectors({ rows: 300, dim: 32, clusters: 5, seed: 9 });
    const queries = clusteredVectors({ rows: 4, dim: 32, clusters: 5, seed: 10 });
    const ids = Array.from({ length: 300 }, (_, i) => `p${i}`);
    const store = createMemoryStore({ dim: 32, storage: 'int8', rescore: { candidates: 40 } });
    await store.add({ ids, vectors });
    const exactStore = createMemoryStore({ dim: 32 });
    await exactStore.add({ ids, vectors });
    const expected = await exactStore.search(queries, { k: 10 });
    const before = await store.search(queries, { k: 10 });
    expect(before.map((r) => r.ids)).toEqual(expected.map((r) => r.ids));
    await store.save(dir);
    await store.close();
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.rescoreCandidates).toBe(40);
    expect(manifest.files.exact.bytes).toBe(300 * 32 * 4);
    const reopened = await openMemoryStore(dir);
    const after = await reopened.search(queries, { k: 10 });
    expect(after.map((r) => r.ids)).toEqual(expected.map((r) => r.ids));
    for (const [q, result] of after.entries()) {
      const reference = expected[q]?.scores ?? new Float32Array();
      result.scores.forEach((score, rank) => {
        expect(Math.abs(score - (reference[rank] as number))).toBeLessThan(1e-5);
      });
    }
    await reopened.close();
    const exactFile = join(dir, manifest.files.exact.name);
    const bytes = await readFile(exactFile);
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    await writeFile(exactFile, bytes);
    await expectCorrupt(/SHA-256/);
  });

  it('deletes its private exact file on close and rejects rescore for other storage types', async () => {
    const file = join(dir, 'private.f32');
    const store = createMemoryStore({ dim: 4, storage: 'int8', rescore: { file } });
    await store.add({ ids: ['a'], vectors: { data: Float32Array.from([1, 2, 3, 4]), rows: 1, dim: 4 } });
    expect((await readFile(file)).length).toBe(16);
    await store.close();
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
    expect(() => createMemoryStore({ dim: 4, rescore: {} })).toThrow(
      /rescore applies to int8 storage, not f32/,
    );
    expect(() => createMemoryStore({ dim: 4, storage: 'int8', rescore: { candidates: 0 } })).toThrow(
      /rescore.candidates must be a positive integer, got 0/,
    );
  });
});
