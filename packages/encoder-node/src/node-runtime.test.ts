import { RetrievekitError } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { makeModelFolder } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';

describe('createNodeRuntime execution providers (CPU-only machine)', () => {
  it('fails clearly when only cuda is asked for, and falls back to cpu when named', async () => {
    const { bytes } = await makeModelFolder({
      head: { kind: 'embedding', pooling: 'cls', normalize: false },
    });
    const error = await createNodeRuntime({ executionProviders: ['cuda'] })
      .createSession(bytes)
      .catch((e: unknown) => e);
    expect(RetrievekitError.hasCode(error, 'RUNTIME')).toBe(true);
    expect((error as Error).message).toMatch(/no execution provider could load the model \(cuda: .+\)/);
    expect((error as Error).message).toContain("executionProviders: ['cuda', 'cpu']");

    const session = await createNodeRuntime({
      executionProviders: ['cuda', 'cpu'],
      intraOpNumThreads: 1,
    }).createSession(bytes);
    const info = session.info();
    expect(info.executionProvider).toBe('cpu');
    expect(info.failedProviders.map((f) => f.name)).toEqual(['cuda']);
    expect(info.intraOpNumThreads).toBe(1);
    const out = await session.run(
      {
        input_ids: { data: new BigInt64Array([101n, 102n]), dims: [1, 2] },
        attention_mask: { data: new BigInt64Array([1n, 1n]), dims: [1, 2] },
      },
      ['sentence_embedding'],
    );
    expect(out.sentence_embedding?.dims).toEqual([1, 32]);
    await session.release();
  });

  it('reports cpu when asked for cpu; rejects bad options and missing files', async () => {
    expect(() => createNodeRuntime({ executionProviders: [] })).toThrow(/executionProviders is empty/);
    expect(() => createNodeRuntime({ intraOpNumThreads: 0 })).toThrow(
      /intraOpNumThreads must be a positive integer/,
    );
    await expect(createNodeRuntime().createSession('/nonexistent/model.onnx')).rejects.toThrow(
      /\/nonexistent\/model\.onnx: model file not found/,
    );
  });
});
