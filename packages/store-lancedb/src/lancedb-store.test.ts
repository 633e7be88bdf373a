import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@lancedb/lancedb';
import { createDenseBatch, RetrievekitError } from '@retrievekit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createLanceDbStore, openLanceDbStore } from './create-lancedb-store.js';
import { equalityWhere, sqlString } from './sql.js';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});
async function folder(): Promise<string> {
  const uri = await mkdtemp(join(tmpdir(), 'retrievekit-lancedb-unit-'));
  folders.push(uri);
  return uri;
}
async function rejection(action: Promise<unknown>): Promise<RetrievekitError> {
  try {
    await action;
  } catch (error) {
    if (RetrievekitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
const HOSTILE = "x' OR 1=1 --";
const unit = (rows: number, dim = 2) =>
  createDenseBatch(
    Float32Array.from({ length: rows * dim }, (_, i) => 1 + ((i * 3) % 5)),
    rows,
    dim,
  );

describe('SQL literals', () => {
  it('doubles single quotes and writes typed metadata terms', () => {
    expect(sqlString(HOSTILE)).toBe("'x'' OR 1=1 --'");
    expect(equalityWhere({ tag: HOSTILE, n: 1 })).toBe(
      `array_has_all(\`metadata_terms\`, ['"tag"="x'' OR 1=1 --"', '"n"=1'])`,
    );
    expect(equalityWhere({})).toBeUndefined();
  });
});

describe('LanceDbStore', () => {
  it('filters hostile strings, keys and ids exactly (no SQL injection)', async () => {
    const store = await createLanceDbStore({ uri: await folder(), dim: 2 });
    const ids = ['plain', HOSTILE, "it's", 'other'];
    await store.add({
      ids,
      vectors: unit(4),
      metadata: [{ tag: HOSTILE }, { tag: 'x' }, { [HOSTILE]: 'key' }, { tag: "x'" }],
    });
    const query = unit(1);
    expect((await store.search(query, { k: 10, filter: { tag: HOSTILE } }))[0]?.ids).toEqual(['plain']);
    expect((await store.search(query, { k: 10, filter: { [HOSTILE]: 'key' } }))[0]?.ids).toEqual(["it's"]);
    expect((await store.search(query, { k: 10, filter: { tag: "x' --" } }))[0]?.ids).toEqual([]);
    const duplicate = await rejection(store.add({ ids: [HOSTILE], vectors: unit(1) }));
    expect(duplicate.message).toMatch(/id "x' OR 1=1 --" is already in the store/);
    await store.delete([HOSTILE, "it's"]);
    expect(await store.size()).toBe(2);
    const [rest] = await store.search(query, { k: 10 });
    expect([...(rest?.ids ?? [])].sort()).toEqual(['other', 'plain']);
  });

  it('keeps metadata types apart: 1, "1", true, null and a missing key', async () => {
    const store = await createLanceDbStore({ uri: await folder(), dim: 2, metric: 'l2' });
    const values = [1, '1', true, null] as const;
    await store.add({
      ids: ['number', 'string', 'boolean', 'null', 'none'],
      vectors: unit(5),
      metadata: [...values.map((v) => ({ v })), undefined],
    });
    for (const [index, v] of values.entries()) {
      const [hits] = await store.search(unit(1), { k: 10, filter: { v } });
      expect(hits?.ids).toEqual([['number', 'string', 'boolean', 'null'][index]]);
    }
  });

  it('converts LanceDB distances to the contract scores (dot = 1 - distance)', async () => {
    const store = await createLanceDbStore({ uri: await folder(), dim: 3 });
    await store.add({
      ids: ['a', 'b'],
      vectors: createDenseBatch(Float32Array.from([10, 0, 0, -3, 2, 0]), 2, 3),
    });
    const [hits] = await store.search(createDenseBatch(Float32Array.from([20, 1, 5]), 1, 3), { k: 2 });
    expect(hits?.ids).toEqual(['a', 'b']);
    expect(Array.from(hits?.scores ?? [])).toEqual([200, -58]);
  });

  it('rejects an aborted search or add (ABORTED), storing nothing', async () => {
    const store = await createLanceDbStore({ uri: await folder(), dim: 2 });
    const signal = AbortSignal.abort();
    const add = await rejection(store.add({ ids: ['a'], vectors: unit(1) }, { signal }));
    expect(add.code).toBe('ABORTED');
    expect(await store.size()).toBe(0);
    const search = await rejection(store.search(unit(1), { k: 1, signal }));
    expect(search.message).toMatch(/search was cancelled/);
  });

  it('rejects predicates (UNSUPPORTED): filters are SQL', async () => {
    const store = await createLanceDbStore({ uri: await folder(), dim: 2 });
    const error = await rejection(store.search(unit(1), { k: 1, filter: () => true }));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/equality filters only/);
  });

  it('refuses to save into its own database and to create over an existing table', async () => {
    const uri = await folder();
    const store = await createLanceDbStore({ uri, dim: 2 });
    const own = await rejection(store.save(join(uri, '.')));
    expect(own.code).toBe('UNSUPPORTED');
    expect(own.message).toMatch(/already lives in/);
    const exists = await rejection(createLanceDbStore({ uri, dim: 2 }));
    expect(exists.code).toBe('INVALID_ARGUMENT');
    expect(exists.message).toMatch(/table "vectors" already exists/);
    const replaced = await createLanceDbStore({ uri, dim: 4, metric: 'cosine', mode: 'overwrite' });
    expect((await openLanceDbStore(uri)).metric).toBe('cosine');
    await replaced.close();
  });

  it('reports a missing table (NOT_FOUND) and a foreign table (CORRUPT_DATA)', async () => {
    const uri = await folder();
    const missing = await rejection(openLanceDbStore(uri, { table: 'nope' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/no table "nope"/);
    const connection = await connect(uri);
    await connection.createTable('foreign', [{ id: 'a', vector: [1, 2] }]);
    const foreign = await rejection(openLanceDbStore(uri, { table: 'foreign' }));
    expect(foreign.code).toBe('CORRUPT_DATA');
    expect(foreign.message).toMatch(/not a retrievekit store/);
  });

  it('rejects buildIndex without an index option (UNSUPPORTED)', async () => {
    const store = await createLanceDbStore({ uri: await folder(), dim: 2 });
    expect(store.capabilities.exact).toBe(true);
    const error = await rejection(store.buildIndex());
    expect(error.code).toBe('UNSUPPORTED');
  });
});
