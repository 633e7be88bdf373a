import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { clusteredVectors } from '@retrievekit/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHnswStore } from './create-hnsw-store.js';
import { openHnswStore } from './open-hnsw-store.js';

async function rejection(action: Promise<unknown>): Promise<RetrievekitError> {
  try {
    await action;
  } catch (error) {
    if (RetrievekitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('HNSW store persistence', () => {
  let dir = '';
  const corpus = clusteredVectors({ rows: 300, dim: 16, clusters: 6, seed: 51 });
  const ids = Array.from({ length: 300 }, (_, row) => `p${row}`);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'retrievekit-hnsw-'));
    const store = createHnswStore({ dim: 16, metric: 'cosine', quantization: 'i8', connectivity: 8 });
    await store.add({ ids, vectors: corpus, metadata: ids.map((_, row) => ({ row })) });
    await store.delete(['p3']);
    await store.save(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const fileOf = async (prefix: string) => {
    const name = (await readdir(dir)).find((entry) => entry.startsWith(prefix));
    if (name === undefined) throw new Error(`no ${prefix} file`);
    return join(dir, name);
  };

  it('keeps options, free slots and metadata; expansionSearch can be overridden', async () => {
    const store = await openHnswStore(dir, { expansionSearch: 200 });
    expect(store.config).toEqual({
      dim: 16,
      metric: 'cosine',
      quantization: 'i8',
      connectivity: 8,
      expansionAdd: 128,
      expansionSearch: 200,
    });
    expect(await store.size()).toBe(299);
    await store.add({ ids: ['again'], vectors: { data: corpus.data.slice(0, 16), rows: 1, dim: 16 } });
    const [hits] = await store.search(
      { data: corpus.data.slice(0, 16), rows: 1, dim: 16 },
      { k: 2, filter: { row: 0 } },
    );
    expect(hits?.ids).toEqual(['p0']);
    expect(await readdir(dir)).toHaveLength(4);
  });

  it('reports a damaged usearch index file as CORRUPT_DATA naming it', async () => {
    const path = await fileOf('index-');
    const bytes = await readFile(path);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    await writeFile(path, bytes);
    const error = await rejection(openHnswStore(dir));
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.message).toMatch(/index-.*\.usearch: SHA-256 of the file does not match the manifest/);
  });

  it('reports a truncated vectors file and a broken manifest as CORRUPT_DATA', async () => {
    const path = await fileOf('vectors-');
    await writeFile(path, (await readFile(path)).subarray(0, 100));
    expect((await rejection(openHnswStore(dir))).message).toMatch(
      /file has 100 bytes, the manifest says 19200/,
    );
    await writeFile(join(dir, 'manifest.json'), '{"format":"retrievekit-store-hnsw"');
    expect((await rejection(openHnswStore(dir))).message).toMatch(/manifest is not valid JSON/);
  });

  it('reports a folder without a store as NOT_FOUND', async () => {
    const error = await rejection(openHnswStore(join(dir, 'nothing')));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/manifest\.json is missing/);
  });
});
