import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEncoder } from './load-encoder.js';
import { readFolderPooling } from './model-folder.js';
import { makeModelFolder, sharedDir } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';
import { maxAbsDiff } from './reference.test-helper.js';

const texts = [
  'dense retrieval with tas-b',
  '',
  'a second, somewhat longer passage about balanced topic sampling',
];

describe('loadEncoder model folders', () => {
  it('reads the TAS-B pooling config: CLS, no Normalize module', async () => {
    expect(await readFolderPooling(join(sharedDir, 'models/tas-b-tokenizer-config'))).toEqual({
      pooling: 'cls',
      normalize: false,
    });
  });

  it('converts a safetensors checkpoint with only vocab.txt to the same vectors as the ONNX folder', async () => {
    const head = { kind: 'embedding', pooling: 'mean', normalize: false } as const;
    const pooling = { pooling_mode_cls_token: false, pooling_mode_mean_tokens: true };
    const onnx = await makeModelFolder({ head, seed: 3, poolingConfig: pooling });
    const checkpoint = await makeModelFolder({
      head,
      seed: 3,
      poolingConfig: pooling,
      layout: 'safetensors',
      withoutTokenizerJson: true,
    });
    const runtime = createNodeRuntime();
    const a = await loadEncoder(onnx.dir, { kind: 'dense', runtime });
    const b = await loadEncoder(checkpoint.dir, { kind: 'dense', runtime });
    expect([a.pooling, b.pooling]).toEqual(['mean', 'mean']);
    const va = (await a.encodePassages(texts)).embeddings.data;
    const vb = (await b.encodePassages(texts)).embeddings.data;
    expect(va.length).toBe(96);
    expect(maxAbsDiff(va, vb)).toBeLessThan(1e-5);
  });
});
