import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDenseEncoder } from '@retrievekit/encoder';
import { loadTokenizer } from '@retrievekit/tokenizer';
import * as ortNode from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from './test-batches.test-helper.js';
import { tinyModelBytes } from './test-model.test-helper.js';
import { createWebRuntime } from './web-runtime.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tokenizerDir = join(resolve(repoRoot, '../shared'), 'models/tas-b-tokenizer-config');

const PASSAGES = [
  'The quick brown fox jumps over the lazy dog.',
  'Dense retrieval maps queries and passages to vectors.',
  'Short.',
  'Topic-aware sampling balances margins within a batch of queries drawn from one cluster.',
];

describe('@retrievekit/encoder over the onnxruntime-web session (Node, wasm)', () => {
  it('encodes passages like onnxruntime-node on each unpadded passage alone (1e-4)', async () => {
    const bytes = tinyModelBytes();
    const tokenizer = await loadTokenizer(tokenizerDir);
    const session = await createWebRuntime({ wasm: { numThreads: 2 } }).createSession(bytes);
    const encoder = createDenseEncoder({ session, tokenizer, batchSize: 3 });
    expect(encoder.graphPooled).toBe(true);
    const { embeddings } = await encoder.encodePassages(PASSAGES);
    expect(embeddings.dim).toBe(32);
    expect(embeddings.rows).toBe(PASSAGES.length);

    // Reference: each passage on its own (no padding, no batching) in onnxruntime-node.
    const reference = await ortNode.InferenceSession.create(bytes);
    for (const [i, text] of PASSAGES.entries()) {
      const batch = tokenizer.encodePassages([text]);
      const dims = [1, batch.seqLength];
      const out = await reference.run(
        {
          input_ids: new ortNode.Tensor('int64', batch.inputIds, dims),
          attention_mask: new ortNode.Tensor('int64', batch.attentionMask, dims),
        },
        ['sentence_embedding'],
      );
      const expected = (out.sentence_embedding as ortNode.Tensor).data as Float32Array;
      const row = embeddings.data.subarray(i * 32, (i + 1) * 32);
      expect(maxAbsDiff(row, expected)).toBeLessThan(1e-4);
    }
    await reference.release();
    await session.release();
  });
});
