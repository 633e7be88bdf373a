import { RetrievekitError } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { BATCHES, maxAbsDiff, OUTPUTS, toFeeds } from './test-batches.test-helper.js';
import { nodeReference, tinyModelBytes } from './test-model.test-helper.js';
import { createWebRuntime } from './web-runtime.js';

// onnxruntime-web sets up its wasm once per process: every runtime in this file asks for 2 threads.
const wasm = { numThreads: 2 };

describe('createWebRuntime in Node (wasm)', () => {
  it('matches onnxruntime-node on fixed token batches to 1e-4, with 2 wasm threads', async () => {
    const bytes = tinyModelBytes();
    const reference = await nodeReference(bytes);
    const session = await createWebRuntime({ wasm }).createSession(bytes);
    expect(session.inputNames).toEqual(['input_ids', 'attention_mask']);
    expect(session.outputNames).toEqual(expect.arrayContaining([...OUTPUTS]));
    const info = session.info();
    expect(info).toMatchObject({ runtime: 'onnxruntime-web', executionProvider: 'wasm', wasmNumThreads: 2 });
    expect(info.failedProviders).toEqual([]);
    for (const [b, batch] of BATCHES.entries()) {
      const out = await session.run(toFeeds(batch), OUTPUTS);
      const embedding = out.sentence_embedding;
      expect(embedding?.dims).toEqual([batch.dims[0], 32]);
      expect(out.last_hidden_state?.dims).toEqual([...batch.dims, 32]);
      for (const name of OUTPUTS) {
        const expected = reference[b]?.[name] ?? [];
        expect(expected.length).toBeGreaterThan(0);
        expect(maxAbsDiff(out[name]?.data ?? [], expected)).toBeLessThan(1e-4);
      }
    }
    // Rows differ from each other, so the comparison is not between constant vectors.
    const first = reference[0]?.sentence_embedding ?? [];
    expect(maxAbsDiff(first.slice(0, 32), first.slice(32, 64))).toBeGreaterThan(1e-2);
    await session.release();
  });

  it("fails for ['webgpu'] without WebGPU, and falls back to wasm when it is named", async () => {
    const bytes = tinyModelBytes();
    const error = await createWebRuntime({ executionProviders: ['webgpu'], wasm })
      .createSession(bytes)
      .catch((e: unknown) => e);
    expect(RetrievekitError.hasCode(error, 'RUNTIME')).toBe(true);
    expect((error as Error).message).toMatch(
      /no execution provider could load the model \(webgpu: WebGPU is not available here/,
    );
    expect((error as Error).message).toContain("executionProviders: ['webgpu', 'wasm']");

    const session = await createWebRuntime({ executionProviders: ['webgpu', 'wasm'], wasm }).createSession(
      bytes,
    );
    expect(session.info().executionProvider).toBe('wasm');
    expect(session.info().failedProviders.map((f) => f.name)).toEqual(['webgpu']);
    await session.release();
  });

  it('rejects bad options, conflicting wasm options and a model that is not ONNX', async () => {
    expect(() => createWebRuntime({ executionProviders: [] })).toThrow(/executionProviders is empty/);
    expect(() => createWebRuntime({ executionProviders: ['cuda' as 'wasm'] })).toThrow(
      /field "executionProviders", index 0: unknown execution provider "cuda"/,
    );
    expect(() => createWebRuntime({ wasm: { numThreads: 0 } })).toThrow(
      /wasm\.numThreads must be a positive integer, got 0/,
    );
    expect(() => createWebRuntime({ wasm: { simd: false } })).toThrow(/SIMD-only binaries/);
    const bytes = tinyModelBytes();
    await createWebRuntime({ wasm }).createSession(bytes);
    await expect(createWebRuntime({ wasm: { numThreads: 1 } }).createSession(bytes)).rejects.toThrow(
      /wasm\.numThreads is 1 but onnxruntime-web was already initialised with 2/,
    );
    await expect(createWebRuntime({ wasm }).createSession(new Uint8Array([1, 2, 3]))).rejects.toThrow(
      /no execution provider could load the model \(wasm: /,
    );
  });
});
