import type { Progress } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import type { DenseEncoder } from '@retrievekit/encoder';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEncoder } from './load-encoder.js';
import { makeModelFolder } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';
import { maxAbsDiff, scifactPassages } from './reference.test-helper.js';

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

describe('DenseEncoder.encodePassageStream', () => {
  let encoder: DenseEncoder;
  const passages = scifactPassages(40).map((p, i) => ({
    ...p,
    text: p.text.slice(0, 40 + ((i * 97) % 400)),
  }));
  beforeAll(async () => {
    const { dir } = await makeModelFolder({ head: { kind: 'embedding', pooling: 'cls', normalize: false } });
    encoder = await loadEncoder(dir, {
      kind: 'dense',
      runtime: createNodeRuntime({ intraOpNumThreads: 1 }),
      maxLength: { passage: 128 },
    });
  });

  it('yields windows with their ids in stream order, equal to encodePassages, reporting progress', async () => {
    const progress: Progress[] = [];
    const ids: string[] = [];
    const chunks: Float32Array[] = [];
    for await (const chunk of encoder.encodePassageStream(slowly(passages), {
      batchSize: 4,
      windowSize: 16,
      onProgress: (p) => progress.push(p),
    })) {
      expect(chunk.embeddings.rows).toBe(chunk.ids.length);
      expect(chunk.ids.length).toBeLessThanOrEqual(16);
      ids.push(...chunk.ids);
      chunks.push(chunk.embeddings.data);
    }
    expect(ids).toEqual(passages.map((p) => p.id));
    expect(progress.map((p) => p.done)).toEqual([16, 32, 40]);
    const whole = await encoder.encodePassages(passages, { batchSize: 40 });
    const streamed = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      streamed.set(c, at);
      at += c.length;
    }
    expect(maxAbsDiff(streamed, whole.embeddings.data)).toBeLessThan(1e-5);
  });

  it('stops with ABORTED when the signal fires', async () => {
    const controller = new AbortController();
    let seen = 0;
    const run = async () => {
      for await (const chunk of encoder.encodePassageStream(slowly(passages), {
        batchSize: 4,
        windowSize: 8,
        signal: controller.signal,
      })) {
        seen += chunk.ids.length;
        controller.abort();
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(RetrievekitError.hasCode(error, 'ABORTED')).toBe(true);
    expect((error as Error).message).toContain('encoding was cancelled');
    expect(seen).toBe(8);
    controller.abort();
    await expect(encoder.encodePassages(['x'], { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});
