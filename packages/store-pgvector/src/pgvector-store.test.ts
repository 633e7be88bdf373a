import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDenseBatch } from '@retrievekit/core';
import {
  bruteForceTopK,
  clusteredVectors,
  describeVectorStoreConformance,
  recallAtK,
  referenceScore,
} from '@retrievekit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgVectorStore } from './create-pgvector-store.js';
import { openPgVectorStore } from './open-pgvector-store.js';
import { startPGlite } from './pglite-sql-client.js';

// One embedded PGlite for the file (starting one costs seconds of CPU); every store gets its own table.
const shared = startPGlite();
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await (await shared).close();
});
let tables = 0;
const store = async (options: { table?: string; vectorType?: 'vector' | 'halfvec'; dim?: number } = {}) =>
  createPgVectorStore({
    client: await shared,
    table: options.table ?? `unit ${tables++}`,
    dim: 4,
    ...options,
  });
const vectors = (rows: number[][]) =>
  createDenseBatch(Float32Array.from(rows.flat()), rows.length, rows[0]?.length ?? 0);

async function expectError(action: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect((error as { code?: string } | undefined)?.code).toBe(code);
  expect((error as Error).message).toMatch(pattern);
}

describeVectorStoreConformance(
  'pgvector on embedded PGlite (exact, vector)',
  async ({ dim, metric }) =>
    createPgVectorStore({ client: await shared, table: `conformance ${tables++}`, dim, metric }),
  {
    exact: true,
    metrics: ['dot', 'cosine', 'l2'],
    predicateFilter: false,
    open: async (dir) => {
      const store = await openPgVectorStore(dir);
      opened.push(store);
      return store;
    },
  },
);

describe('SQL injection attempts are inert', () => {
  it('stores into a table literally named by a hostile string and drops nothing', async () => {
    const db = await shared;
    await db.query('CREATE TABLE IF NOT EXISTS victim (x int)');
    const hostile = 'x"; DROP TABLE victim; --';
    const s = await store({ table: hostile });
    await s.add({ ids: ['a'], vectors: vectors([[1, 2, 3, 4]]) });
    expect(await s.size()).toBe(1);
    const { rows } = await db.query<{ relname: string }>(
      "SELECT relname FROM pg_class WHERE relname IN ($1, 'victim') ORDER BY relname",
      [hostile],
    );
    expect(rows.map((row) => row.relname)).toEqual([hostile, 'victim'].sort());
  });

  it('treats hostile ids, metadata keys and values as data', async () => {
    const s = await store();
    const key = `k'); DROP TABLE victim; --`;
    const value = `' OR '1'='1`;
    await s.add({
      ids: [`a'); DELETE FROM victim; --`, 'b\\"'],
      vectors: vectors([
        [1, 0, 0, 0],
        [0, 1, 0, 0],
      ]),
      metadata: [{ [key]: value }, { [key]: 'other' }],
    });
    const [hit] = await s.search(vectors([[1, 1, 0, 0]]), { k: 5, filter: { [key]: value } });
    expect(hit?.ids).toEqual([`a'); DELETE FROM victim; --`]);
    const [none] = await s.search(vectors([[1, 1, 0, 0]]), { k: 5, filter: { [key]: `x' OR '1'='1` } });
    expect(none?.ids).toEqual([]);
    const [both] = await s.search(vectors([[1, 1, 0, 0]]), { k: 5 });
    expect([...(both?.ids ?? [])].sort()).toEqual([`a'); DELETE FROM victim; --`, 'b\\"'].sort());
    const { rows } = await (await shared).query<{ n: number }>(
      "SELECT count(*)::int4 AS n FROM pg_class WHERE relname = 'victim'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('rejects identifiers and text PostgreSQL would change', async () => {
    await expectError(store({ table: 'x'.repeat(64) }), 'INVALID_ARGUMENT', /64 bytes long, the limit is 63/);
    await expectError(store({ table: 'a\u0000b' }), 'INVALID_ARGUMENT', /NUL/);
    const s = await store();
    await expectError(
      s.add({ ids: ['a\u0000'], vectors: vectors([[1, 2, 3, 4]]) }),
      'INVALID_ARGUMENT',
      /id contains a NUL/,
    );
    await expectError(
      s.add({ ids: ['a'], vectors: vectors([[1, 2, 3, 4]]), metadata: [{ n: Number.NaN }] }),
      'INVALID_ARGUMENT',
      /metadata "n" is NaN/,
    );
    expect(await s.size()).toBe(0);
  });
});

describe('store behaviour beyond the conformance suite', () => {
  it('rejects predicate filters (UNSUPPORTED) and a table of another dimension (DIMENSION_MISMATCH)', async () => {
    const s = await store({ table: 'dims' });
    await expectError(
      s.search(vectors([[1, 2, 3, 4]]), { k: 1, filter: () => true }),
      'UNSUPPORTED',
      /predicate/,
    );
    await expectError(store({ table: 'dims', dim: 5 }), 'DIMENSION_MISMATCH', /vector\(4\).*vector\(5\)/);
  });

  it('round-trips halfvec storage: values rounded to float16, scores of the rounded vectors', async () => {
    const data = clusteredVectors({ rows: 50, dim: 16, clusters: 4, seed: 41 });
    const s = await store({ table: 'half', vectorType: 'halfvec', dim: 16 });
    expect(s.capabilities.exact).toBe(false);
    const ids = Array.from({ length: 50 }, (_, i) => `h${i}`);
    await s.add({ ids, vectors: data });
    const { rows } = await (await shared).query<{ v: string }>(
      `SELECT embedding::text AS v FROM "half" WHERE id = 'h7'`,
    );
    const stored = JSON.parse(rows[0]?.v ?? '[]') as number[];
    const original = Array.from(data.data.subarray(7 * 16, 8 * 16));
    // halfvec prints each value as the shortest float32 text: compare as float32.
    expect(stored.map(Math.fround)).toEqual(original.map((x) => Math.fround(roundToHalf(x))));
    expect(stored.map(Math.fround)).not.toEqual(original);
    const rounded = createDenseBatch(Float32Array.from(data.data, roundToHalf), 50, 16);
    const query = createDenseBatch(rounded.data.slice(0, 16), 1, 16);
    const [hits] = await s.search(query, { k: 3 });
    hits?.ids.forEach((id, rank) => {
      const truth = referenceScore('dot', query, 0, rounded, Number(id.slice(1)));
      expect(hits.scores[rank]).toBeCloseTo(truth, 3);
    });
    await expectError(
      s.add({ ids: ['big'], vectors: createDenseBatch(new Float32Array(16).fill(70000), 1, 16) }),
      'INVALID_ARGUMENT',
      /halfvec holds values up to/,
    );
  });

  it('save is UNSUPPORTED off PGlite; a damaged saved folder is CORRUPT_DATA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgvector-'));
    try {
      const s = await store({ table: 'saved' });
      await s.add({ ids: ['a'], vectors: vectors([[1, 2, 3, 4]]) });
      await s.save(dir);
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { dataFile: string };
      const bytes = await readFile(join(dir, manifest.dataFile));
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      await writeFile(join(dir, manifest.dataFile), bytes);
      await expectError(openPgVectorStore(dir), 'CORRUPT_DATA', /SHA-256/);
      await writeFile(join(dir, 'manifest.json'), '{"format":"other"}');
      await expectError(openPgVectorStore(dir), 'CORRUPT_DATA', /not a retrievekit pgvector manifest/);
      const server = await createPgVectorStore({
        client: { query: async () => ({ rows: [{ type: 'vector(4)' }] }) },
        dim: 4,
      });
      await expectError(server.save(dir), 'UNSUPPORTED', /PGlite/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// HNSW / IVFFlat in PGlite (WebAssembly, one core): 10k x 768 builds too slowly for a unit test, so the index is
// checked on 3,000 x 64 clustered vectors; bench/pgvector-search measures larger sets.
describe('HNSW index', () => {
  it('reaches recall@10 >= 0.95 against float64 brute force, and fills k under a filter', async () => {
    const corpus = clusteredVectors({ rows: 3000, dim: 64, clusters: 30, seed: 51 });
    const queries = clusteredVectors({ rows: 40, dim: 64, clusters: 30, seed: 52 });
    const ids = Array.from({ length: corpus.rows }, (_, row) => `doc-${row}`);
    const store = await createPgVectorStore({
      client: await shared,
      table: 'hnsw cosine',
      dim: 64,
      metric: 'cosine',
      index: { type: 'hnsw', m: 16, efConstruction: 64, efSearch: 40 },
    });
    expect(store.capabilities.exact).toBe(false);
    const metadata = ids.map((_, row) => ({ shard: row % 10 }));
    await store.add({ ids, vectors: corpus, metadata });
    const db = await shared;
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM "hnsw cosine" ORDER BY embedding <=> (SELECT embedding FROM "hnsw cosine" LIMIT 1) LIMIT 10`,
    );
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Scan using rk_\w+_hnsw/);
    const results = await store.search(queries, { k: 10 });
    const reference = bruteForceTopK(corpus, queries, 10, 'cosine').map((hit) =>
      Array.from(hit.rows, (row) => ids[row] as string),
    );
    const recall = recallAtK(
      results.map((result) => result.ids),
      reference,
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeLessThanOrEqual(1);
    const filtered = await store.search(queries, { k: 30, filter: { shard: 3 } });
    for (const result of filtered) {
      expect(result.ids).toHaveLength(30);
      for (const id of result.ids) expect(Number(id.slice(4)) % 10).toBe(3);
    }
  });

  it('IVFFlat (lists 30, probes 6) reaches recall@10 >= 0.9 with l2; bad settings are rejected', async () => {
    const corpus = clusteredVectors({ rows: 3000, dim: 32, clusters: 30, seed: 61 });
    const queries = clusteredVectors({ rows: 40, dim: 32, clusters: 30, seed: 62 });
    const ids = Array.from({ length: corpus.rows }, (_, row) => `doc-${row}`);
    const db = await shared;
    const loaded = await createPgVectorStore({ client: db, table: 'ivf', dim: 32, metric: 'l2' });
    await loaded.add({ ids, vectors: corpus });
    // IVFFlat trains its cells on the rows present: build it after loading, by reconnecting with the index.
    const store = await createPgVectorStore({
      client: db,
      table: 'ivf',
      dim: 32,
      metric: 'l2',
      index: { type: 'ivfflat', lists: 30, probes: 6 },
    });
    const results = await store.search(queries, { k: 10 });
    const reference = bruteForceTopK(corpus, queries, 10, 'l2').map((hit) =>
      Array.from(hit.rows, (row) => ids[row] as string),
    );
    expect(
      recallAtK(
        results.map((result) => result.ids),
        reference,
      ),
    ).toBeGreaterThanOrEqual(0.9);
    await expect(
      createPgVectorStore({
        client: db,
        table: 'ivf2',
        dim: 32,
        index: { type: 'ivfflat', lists: 4, probes: 5 },
      }),
    ).rejects.toThrow(/index.probes must be an integer in 1..4, got 5/);
    await expect(
      createPgVectorStore({ client: db, table: 'big', dim: 3000, index: { type: 'hnsw' } }),
    ).rejects.toThrow(/dim must be an integer in 1..2000, got 3000/);
  });
});

/** Rounds to the nearest float16 (normal and subnormal range), an independent reference for halfvec. */
function roundToHalf(x: number): number {
  if (x === 0) return 0;
  const exponent = Math.max(-14, Math.floor(Math.log2(Math.abs(x))));
  const ulp = 2 ** (exponent - 10);
  return Math.round(x / ulp) * ulp;
}
