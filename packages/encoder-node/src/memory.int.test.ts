import { createDenseEncoder } from '@retrievekit/encoder';
import { loadTokenizer } from '@retrievekit/tokenizer';
import { describe, expect, it } from 'vitest';
import { makeModelFolder } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';
import { scifactPassages } from './reference.test-helper.js';

const MB = 1024 * 1024;

describe('memory', () => {
  it('keeps RSS flat while streaming 2,000 passages (output tensors are disposed)', async () => {
    const { dir } = await makeModelFolder({ head: { kind: 'embedding', pooling: 'cls', normalize: false } });
    const session = await createNodeRuntime({ intraOpNumThreads: 1 }).createSession(`${dir}/onnx/model.onnx`);
    // Pooling in JS fetches last_hidden_state (32 x 128 x 32 floats, 512 KB per batch): 63 leaked
    // batches would add ~32 MB.
    const encoder = createDenseEncoder({
      session,
      tokenizer: await loadTokenizer(dir, { maxLength: { passage: 128 } }),
      poolingSource: 'hidden-states',
    });
    const texts = scifactPassages(250).map((p) => p.text);
    expect(texts.filter((t) => t.split(' ').length > 128).length).toBeGreaterThan(100);
    const round = async () => {
      for (let start = 0; start < texts.length; start += 50)
        await encoder.encodePassages(texts.slice(start, start + 50));
    };
    await round(); // warm-up: arenas and caches reach their size
    await round();
    const before = process.memoryUsage().rss;
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      await round(); // 2,000 passages in all, 80 runtime batches
      seen.push(Math.round((process.memoryUsage().rss - before) / MB));
    }
    console.log(`RSS after each 250 passages (MB over the start): ${seen.join(' ')}`);
    // The heap settles in the first rounds; leaked outputs (10 batches per round) would keep adding ~5 MB per round.
    const lateGrowth = (seen[7] as number) - (seen[3] as number);
    expect(lateGrowth).toBeLessThan(8);
    expect(seen[7]).toBeLessThan(48);
  });
});
