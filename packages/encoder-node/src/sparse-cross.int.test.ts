import { tinyBertConfig } from '@retrievekit/models';
import { loadTokenizer } from '@retrievekit/tokenizer';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { loadEncoder } from './load-encoder.js';
import { makeModelFolder } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';
import { maxAbsDiff, runAlone } from './reference.test-helper.js';

const texts = [
  'sparse lexical expansion',
  '',
  'splade learns term weights over the whole vocabulary of bert',
  'x',
];

describe('SparseEncoder (SPLADE head)', () => {
  it('equals the sparse_embedding of each text run alone, filtered > 0; topK keeps the largest', async () => {
    const { dir, bytes } = await makeModelFolder({ head: { kind: 'splade' }, seed: 11 });
    const splade = await loadEncoder(dir, { kind: 'sparse', runtime: createNodeRuntime(), batchSize: 2 });
    const reference = await ort.InferenceSession.create(bytes);
    const tokenizer = await loadTokenizer(dir);
    const { vectors } = await splade.encodePassages(texts);
    for (const [i, text] of texts.entries()) {
      const dense = (await runAlone(reference, tokenizer.encode(text), 'sparse_embedding')).data;
      const indices = [...dense.keys()].filter((k) => (dense[k] as number) > 0);
      const vector = vectors[i];
      expect(indices.length).toBeGreaterThan(0);
      expect(Array.from(vector?.indices ?? [])).toEqual(indices);
      expect(
        maxAbsDiff(
          vector?.values ?? [],
          indices.map((k) => dense[k] as number),
        ),
      ).toBeLessThan(1e-5);
    }
    const top = await loadEncoder(dir, { kind: 'sparse', runtime: createNodeRuntime(), topK: 5 });
    const [first] = (await top.encodeQueries([texts[2] as string])).vectors;
    const all = vectors[2];
    const largest = [...(all?.values ?? [])].sort((a, b) => b - a).slice(0, 5);
    expect(first?.indices.length).toBe(5);
    expect([...(first?.values ?? [])].sort((a, b) => b - a)).toEqual(largest);
  });
});

describe('CrossEncoder (classifier head, BERT pairs)', () => {
  it('equals the logits of each pair run alone, with longest-first truncation reported', async () => {
    const { dir, bytes } = await makeModelFolder({
      config: tinyBertConfig,
      head: { kind: 'classifier' },
      seed: 5,
    });
    const cross = await loadEncoder(dir, { kind: 'cross', runtime: createNodeRuntime(), batchSize: 2 });
    const reference = await ort.InferenceSession.create(bytes);
    const tokenizer = await loadTokenizer(dir);
    const passages = ['london is the capital of england', '', 'paris', 'a much longer passage '.repeat(10)];
    const query = 'how many people live in london?';
    const { scores } = await cross.rank(query, passages);
    for (const [i, passage] of passages.entries()) {
      const pair = tokenizer.encodePairs([query], [passage]);
      const ids = Array.from(pair.inputIds, Number);
      const types = Array.from(pair.tokenTypeIds, Number);
      const logits = (await runAlone(reference, ids, 'logits', types)).data;
      expect(Math.abs((scores[i] as number) - (logits[0] as number))).toBeLessThan(1e-5);
    }
    const cut = await cross.scorePairs([query], [passages[3] as string], { maxLength: 16 });
    expect(Array.from(cut.truncated)).toEqual([1]);
  });
});
