import { describe, expect, it } from 'vitest';
import { loadEncoder } from './load-encoder.js';
import { makeModelFolder } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';
import { maxAbsDiff, scifactPassages } from './reference.test-helper.js';
import { createWorkerPool } from './worker-pool.js';

describe('createWorkerPool', () => {
  it('gives the same vectors as one session, in the caller order, with 2 workers in flight', async () => {
    const { dir } = await makeModelFolder({ head: { kind: 'embedding', pooling: 'cls', normalize: false } });
    const texts = scifactPassages(60).map((p) => p.text.slice(0, 50 + ((p.text.length * 7) % 300)));
    const single = await loadEncoder(dir, {
      kind: 'dense',
      runtime: createNodeRuntime(),
      maxLength: { passage: 128 },
      batchSize: 8,
    });
    const pooled = await loadEncoder(dir, {
      kind: 'dense',
      runtime: createWorkerPool({ workers: 2, threadsPerWorker: 1, executionProviders: ['cuda', 'cpu'] }),
      maxLength: { passage: 128 },
      batchSize: 8,
    });
    const progress: number[] = [];
    const a = (await single.encodePassages(texts)).embeddings;
    const b = (await pooled.encodePassages(texts, { onProgress: (p) => progress.push(p.done) })).embeddings;
    expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-5);
    expect(progress.at(-1)).toBe(60);
    await pooled.release();
  });

  it('fails clearly when no provider loads in the workers', async () => {
    const { dir } = await makeModelFolder({ head: { kind: 'embedding', pooling: 'cls', normalize: false } });
    await expect(
      loadEncoder(dir, {
        kind: 'dense',
        runtime: createWorkerPool({ workers: 1, executionProviders: ['cuda'] }),
      }),
    ).rejects.toThrow(/no execution provider could load the model \(cuda: /);
    expect(() => createWorkerPool({ workers: 0 })).toThrow('workers must be a positive integer, got 0');
  });
});
