import { bruteForceTopK, clusteredVectors, recallAtK } from '@retrievekit/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './create-memory-store.js';
import { floatToHalfBits, halfBitsToFloat } from './f16.js';

async function expectCode(action: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect((error as { code?: string }).code).toBe(code);
  expect((error as Error).message).toMatch(pattern);
}

describe('createMemoryStore', () => {
  it('f16 storage is the exact top-k of the f16-rounded vectors', async () => {
    const corpus = clusteredVectors({ rows: 777, dim: 41, clusters: 9, seed: 2 });
    const queries = clusteredVectors({ rows: 5, dim: 41, clusters: 9, seed: 3 });
    const rounded = { ...corpus, data: corpus.data.map((v) => halfBitsToFloat(floatToHalfBits(v))) };
    const ids = Array.from({ length: corpus.rows }, (_, i) => String(i));
    const store = createMemoryStore({ dim: 41, storage: 'f16' });
    await store.add({ ids, vectors: corpus });
    const results = await store.search(queries, { k: 25 });
    const reference = bruteForceTopK(rounded, queries, 25, 'dot');
    results.forEach((result, q) => {
      const expected = reference[q];
      if (expected === undefined) throw new Error('missing reference');
      result.ids.forEach((id, rank) => {
        expect(Math.abs((result.scores[rank] as number) - (expected.scores[rank] as number))).toBeLessThan(
          1e-5,
        );
        expect(expected.scores[rank]).toBeGreaterThanOrEqual((expected.scores[24] as number) - 1e-5);
        expect(Number(id)).toBeGreaterThanOrEqual(0);
      });
      expect(recallAtK([result.ids], [Array.from(expected.rows, String)])).toBe(1);
    });
  });

  it('reports bytes per vector of each storage type', () => {
    expect(createMemoryStore({ dim: 768 }).bytesPerVector).toBe(3072);
    expect(createMemoryStore({ dim: 768, storage: 'f16' }).bytesPerVector).toBe(1536);
    expect(createMemoryStore({ dim: 768, storage: 'int8' }).bytesPerVector).toBe(772);
  });

  it('rejects bad options and bad records with precise errors', async () => {
    expect(() => createMemoryStore({ dim: 0 })).toThrow(/dim must be a positive integer, got 0/);
    expect(() => createMemoryStore({ dim: 4, metric: 'hamming' as 'dot' })).toThrow(
      /unknown metric "hamming"/,
    );
    expect(() => createMemoryStore({ dim: 4, storage: 'f64' as 'f32' })).toThrow(/unknown storage "f64"/);
    const vectors = { data: Float32Array.from([1, 2, 3, 4, 0, 0, 0, 0]), rows: 2, dim: 4 };
    await expectCode(
      createMemoryStore({ dim: 4 }).add({ ids: ['a'], vectors }),
      'INVALID_ARGUMENT',
      /1 ids for 2 vectors/,
    );
    await expectCode(
      createMemoryStore({ dim: 4 }).add({ ids: ['a', ''], vectors }),
      'INVALID_ARGUMENT',
      /index 1: ids must be non-empty/,
    );
    await expectCode(
      createMemoryStore({ dim: 4 }).add({ ids: ['a', 'b'], vectors, metadata: [{}] }),
      'INVALID_ARGUMENT',
      /1 metadata entries for 2 vectors/,
    );
    await expectCode(
      createMemoryStore({ dim: 4, metric: 'cosine' }).add({ ids: ['a', 'b'], vectors }),
      'INVALID_ARGUMENT',
      /vectors row 1 is all zeros/,
    );
    const huge = { data: Float32Array.from([1, 7e4, 0, 0]), rows: 1, dim: 4 };
    await expectCode(
      createMemoryStore({ dim: 4, storage: 'f16' }).add({ ids: ['a'], vectors: huge }),
      'INVALID_ARGUMENT',
      /row 0, dimension 1 is 70000.*f16 storage holds values up to ±65504/,
    );
    await expectCode(createMemoryStore({ dim: 4 }).delete(['a']), 'NOT_FOUND', /"a" is not in the store/);
  });

  it('int8 storage: scores within quantisation error, recall@10 well above chance', async () => {
    const corpus = clusteredVectors({ rows: 3000, dim: 128, seed: 4 });
    const queries = clusteredVectors({ rows: 20, dim: 128, seed: 5 });
    const ids = Array.from({ length: corpus.rows }, (_, i) => String(i));
    const store = createMemoryStore({ dim: 128, storage: 'int8' });
    await store.add({ ids, vectors: corpus });
    const results = await store.search(queries, { k: 10 });
    const reference = bruteForceTopK(corpus, queries, 10, 'dot');
    const recall = recallAtK(
      results.map((r) => r.ids),
      reference.map((r) => Array.from(r.rows, String)),
    );
    expect(recall).toBeGreaterThan(0.9);
  });

  it('aborts a search whose signal is already aborted', async () => {
    const store = createMemoryStore({ dim: 2 });
    const controller = new AbortController();
    controller.abort();
    await expectCode(
      store.search({ data: new Float32Array(2), rows: 1, dim: 2 }, { k: 1, signal: controller.signal }),
      'ABORTED',
      /search was cancelled/,
    );
  });
});
