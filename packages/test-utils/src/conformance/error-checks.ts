import { expect, it } from 'vitest';
import { expectError } from './fixtures.js';
import type { ConformanceCapabilities, StoreFactory } from './options.js';

const DIM = 8;

function batch(
  rows: number,
  fill = (i: number) => ((i * 7) % 11) - 5,
): { data: Float32Array; rows: number; dim: number } {
  return { data: Float32Array.from({ length: rows * DIM }, (_, i) => fill(i)), rows, dim: DIM };
}

/** Registers the error checks every store must pass. */
export function registerErrorChecks(factory: StoreFactory, capabilities: ConformanceCapabilities): void {
  const metric = capabilities.metrics[0] ?? 'dot';
  const make = () => factory({ dim: DIM, metric });

  it('rejects a dimension mismatch on add and on search (DIMENSION_MISMATCH)', async () => {
    const store = await make();
    const wrong = { data: new Float32Array(2 * 5).fill(1), rows: 2, dim: 5 };
    await expectError(store.add({ ids: ['a', 'b'], vectors: wrong }), 'DIMENSION_MISMATCH', /5/, /8/);
    await store.add({ ids: ['a'], vectors: batch(1) });
    await expectError(store.search(wrong, { k: 1 }), 'DIMENSION_MISMATCH', /5/, /8/);
    expect(await store.size()).toBe(1);
  });

  it('rejects NaN and Infinity naming row and dimension (NON_FINITE), storing nothing', async () => {
    const store = await make();
    const withNaN = batch(3);
    withNaN.data[1 * DIM + 2] = Number.NaN;
    await expectError(
      store.add({ ids: ['a', 'b', 'c'], vectors: withNaN }),
      'NON_FINITE',
      /row 1/,
      /dimension 2/,
    );
    expect(await store.size()).toBe(0);
    await store.add({ ids: ['a'], vectors: batch(1) });
    const withInfinity = batch(2);
    withInfinity.data[DIM + 5] = Number.NEGATIVE_INFINITY;
    await expectError(store.search(withInfinity, { k: 1 }), 'NON_FINITE', /row 1/, /dimension 5/);
    await expectError(store.upsert({ ids: ['a', 'x'], vectors: withInfinity }), 'NON_FINITE', /row 1/);
    expect(await store.size()).toBe(1);
  });

  it('rejects k that is not a positive integer (INVALID_ARGUMENT)', async () => {
    const store = await make();
    await store.add({ ids: ['a'], vectors: batch(1) });
    for (const k of [0, -3, 2.5, Number.NaN]) {
      await expectError(store.search(batch(1), { k }), 'INVALID_ARGUMENT', /k must be a positive integer/);
    }
  });

  it('rejects deleting an unknown id (NOT_FOUND) and deletes nothing', async () => {
    const store = await make();
    await store.add({ ids: ['a', 'b'], vectors: batch(2) });
    await expectError(store.delete(['a', 'nope']), 'NOT_FOUND', /"nope"/);
    expect(await store.size()).toBe(2);
    const [hits] = await store.search(batch(1), { k: 5 });
    expect([...(hits?.ids ?? [])].sort()).toEqual(['a', 'b']);
  });

  it('searches an empty store to one empty result per query', async () => {
    const store = await make();
    expect(await store.size()).toBe(0);
    const results = await store.search(batch(3), { k: 10 });
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result.ids).toEqual([]);
      expect(result.scores).toHaveLength(0);
    }
  });

  it('rejects duplicate ids on add (DUPLICATE_ID), within a batch too, storing nothing', async () => {
    const store = await make();
    await store.add({ ids: ['a'], vectors: batch(1) });
    await expectError(store.add({ ids: ['b', 'a'], vectors: batch(2) }), 'DUPLICATE_ID', /"a"/);
    await expectError(store.add({ ids: ['c', 'c'], vectors: batch(2) }), 'DUPLICATE_ID', /"c"/);
    expect(await store.size()).toBe(1);
  });

  it('rejects calls after close', async () => {
    const store = await make();
    await store.close();
    await expectError(store.size(), 'INVALID_ARGUMENT', /closed/);
    await store.close();
  });
}
