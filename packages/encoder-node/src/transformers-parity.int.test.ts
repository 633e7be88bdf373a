import { basename, dirname } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { loadTokenizer } from '@retrievekit/tokenizer';
import { describe, expect, it } from 'vitest';
import { loadEncoder } from './load-encoder.js';
import { makeModelFolder } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';
import { maxAbsDiff, scifactPassages } from './reference.test-helper.js';

describe('parity with transformers.js feature-extraction on the same folder', () => {
  it('gives the same CLS vectors on 50 SciFact passages (max abs diff <= 1e-4)', async () => {
    const { dir } = await makeModelFolder({
      head: { kind: 'embedding', pooling: 'cls', normalize: false },
      poolingConfig: { pooling_mode_cls_token: true },
    });
    const tokenizer = await loadTokenizer(dir);
    // transformers.js truncates after adding special tokens (it loses the final [SEP]): compare on
    // passages that fit in 512 tokens.
    const texts = scifactPassages(120)
      .map((p) => `${p.title} ${p.text}`.trim())
      .filter((t) => tokenizer.encode(t).length <= 512)
      .slice(0, 50);
    expect(texts).toHaveLength(50);
    const ours = await loadEncoder(dir, { kind: 'dense', runtime: createNodeRuntime(), batchSize: 16 });
    const mine = (await ours.encodePassages(texts)).embeddings;

    env.allowRemoteModels = false;
    env.localModelPath = dirname(dir);
    const extractor = await pipeline('feature-extraction', basename(dir), { dtype: 'fp32' });
    let worst = 0;
    for (let start = 0; start < texts.length; start += 10) {
      const output = await extractor(texts.slice(start, start + 10), { pooling: 'cls', normalize: false });
      const theirs = output.data as Float32Array;
      worst = Math.max(worst, maxAbsDiff(theirs, mine.data.subarray(start * 32, (start + 10) * 32)));
    }
    console.log(`transformers.js parity: max abs diff ${worst.toExponential(2)} over 50 passages`);
    expect(worst).toBeLessThanOrEqual(1e-4);
    await extractor.dispose();
  });
});
