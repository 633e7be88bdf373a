import { RetrievekitError } from '@retrievekit/core';
import type { DenseEncoder, TruncationEvent } from '@retrievekit/encoder';
import { createDenseEncoder } from '@retrievekit/encoder';
import { tinyBertConfig } from '@retrievekit/models';
import { loadTokenizer } from '@retrievekit/tokenizer';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEncoder } from './load-encoder.js';
import { makeModelFolder } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';
import { maxAbsDiff, poolAlone, runAlone, scifactPassages } from './reference.test-helper.js';

const texts = [
  'how many people live in london?',
  'a',
  scifactPassages(3)
    .map((p) => p.text)
    .join(' ')
    .slice(0, 900),
  'TAS-B: topic aware sampling with balanced margins for dense retrieval',
  '',
  '   ',
  'short one',
];

describe('DenseEncoder on a tiny DistilBERT folder (CLS pooled in the graph, TAS-B defaults)', () => {
  let encoder: DenseEncoder;
  let reference: ort.InferenceSession;
  let encode: (text: string) => number[];
  beforeAll(async () => {
    const { dir, bytes } = await makeModelFolder({
      head: { kind: 'embedding', pooling: 'cls', normalize: false },
      poolingConfig: { pooling_mode_cls_token: true, pooling_mode_mean_tokens: false },
    });
    encoder = await loadEncoder(dir, { kind: 'dense', runtime: createNodeRuntime(), batchSize: 3 });
    reference = await ort.InferenceSession.create(bytes);
    const tokenizer = await loadTokenizer(dir);
    encode = (text) => tokenizer.encode(text, { maxLength: 512 });
  });

  it('uses TAS-B defaults: CLS, no normalisation, dot', () => {
    expect([encoder.pooling, encoder.normalize, encoder.metric, encoder.graphPooled]).toEqual([
      'cls',
      false,
      'dot',
      true,
    ]);
  });

  it('equals the CLS row of last_hidden_state run alone, for every text of a bucketed padded batch', async () => {
    const { embeddings } = await encoder.encodePassages(texts);
    expect(embeddings.rows).toBe(texts.length);
    expect(embeddings.dim).toBe(32);
    for (const [i, text] of texts.entries()) {
      const expected = poolAlone(await runAlone(reference, encode(text), 'last_hidden_state'), 'cls');
      expect(maxAbsDiff(embeddings.data.subarray(i * 32, (i + 1) * 32), expected)).toBeLessThan(1e-5);
    }
  });

  it('gives the same vector alone and inside a padded batch', async () => {
    const alone = await encoder.encodeQueries([texts[0] as string]);
    const inBatch = await encoder.encodeQueries([texts[2] as string, texts[1] as string, texts[0] as string]);
    expect(maxAbsDiff(alone.embeddings.data, inBatch.embeddings.data.subarray(64, 96))).toBeLessThan(1e-5);
  });

  it('encodes empty and whitespace strings as [CLS] [SEP]; NUL and lone surrogates are removed', async () => {
    expect(encode('')).toEqual([101, 102]);
    const { embeddings } = await encoder.encodeQueries(['', ' \t ', 'x\u0000y', 'x\ud800y', 'xy']);
    const row = (i: number) => embeddings.data.subarray(i * 32, (i + 1) * 32);
    expect(maxAbsDiff(row(0), row(1))).toBe(0);
    expect(maxAbsDiff(row(2), row(4))).toBeLessThan(1e-6);
    expect(maxAbsDiff(row(3), row(4))).toBeLessThan(1e-6);
    expect(maxAbsDiff(row(0), row(4))).toBeGreaterThan(1e-3);
  });

  it('reports truncation per item and through onTruncate', async () => {
    const { dir } = await makeModelFolder({ head: { kind: 'embedding', pooling: 'cls', normalize: false } });
    const events: TruncationEvent[] = [];
    const truncating = createDenseEncoder({
      session: await createNodeRuntime().createSession(`${dir}/onnx/model.onnx`),
      tokenizer: await loadTokenizer(dir, { maxLength: { passage: 8 } }),
      onTruncate: (event) => events.push(event),
    });
    const long = 'one two three four five six seven eight nine';
    const result = await truncating.encodePassages(['one two', long, 'three']);
    expect(Array.from(result.truncated)).toEqual([0, 1, 0]);
    expect(result.droppedTokens[1]).toBe(3);
    expect(events).toEqual([{ index: 1, droppedTokens: 3, side: 'passage' }]);
    // The truncated vector is the vector of the first 6 content tokens.
    const cut = await truncating.encodePassages(['one two three four five six']);
    expect(maxAbsDiff(cut.embeddings.data, result.embeddings.data.subarray(32, 64))).toBeLessThan(1e-5);
  });

  it('scores by dot product (and cosine on request)', async () => {
    const q = (await encoder.encodeQueries(['a query'])).embeddings;
    const p = (await encoder.encodePassages(['one passage', 'another passage'])).embeddings;
    const scores = encoder.score(q, p);
    let dot = 0;
    for (let d = 0; d < 32; d++) dot += (q.data[d] as number) * (p.data[32 + d] as number);
    expect(scores[1]).toBeCloseTo(dot, 5);
  });
});

describe('DenseEncoder pooling in JS from last_hidden_state', () => {
  it('mean-pools hidden states (masked) equal to the plain mean of each text run alone (BERT, token types)', async () => {
    const { dir, bytes } = await makeModelFolder({
      config: tinyBertConfig,
      head: { kind: 'embedding', pooling: 'mean', normalize: false },
      layout: 'model.onnx',
    });
    const tokenizer = await loadTokenizer(dir);
    const session = await createNodeRuntime().createSession(`${dir}/model.onnx`);
    const encoder = createDenseEncoder({
      session,
      tokenizer,
      pooling: 'mean',
      poolingSource: 'hidden-states',
      batchSize: 4,
    });
    expect(encoder.graphPooled).toBe(false);
    const reference = await ort.InferenceSession.create(bytes);
    const { embeddings } = await encoder.encodePassages(texts);
    for (const [i, text] of texts.entries()) {
      const expected = poolAlone(
        await runAlone(reference, tokenizer.encode(text), 'last_hidden_state'),
        'mean',
      );
      expect(maxAbsDiff(embeddings.data.subarray(i * 32, (i + 1) * 32), expected)).toBeLessThan(1e-5);
    }
    // The graph's own mean pooling agrees with ours.
    const graph = createDenseEncoder({ session, tokenizer });
    expect(maxAbsDiff((await graph.encodePassages(texts)).embeddings.data, embeddings.data)).toBeLessThan(
      1e-5,
    );
  });
});

describe('loadEncoder errors', () => {
  it('refuses a tokenizer larger than the embedding before the runtime runs', async () => {
    const { dir } = await makeModelFolder({
      config: { ...tinyBertConfig, architecture: 'distilbert', typeVocabSize: 0, vocabSize: 1000 },
      head: { kind: 'embedding', pooling: 'cls', normalize: false },
    });
    const runtime = {
      createSession: () => Promise.reject(new Error('the runtime must not be reached')),
    };
    const error = await loadEncoder(dir, { kind: 'dense', runtime }).catch((e: unknown) => e);
    expect(RetrievekitError.hasCode(error, 'DIMENSION_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain(
      "the tokenizer has 30522 ids but the model's embedding has 1000 rows",
    );
  });

  it('names the missing weights of a folder without a model file', async () => {
    const { dir } = await makeModelFolder({ head: { kind: 'embedding', pooling: 'cls', normalize: false } });
    const { rm } = await import('node:fs/promises');
    await rm(`${dir}/onnx`, { recursive: true });
    await expect(loadEncoder(dir, { kind: 'dense', runtime: createNodeRuntime() })).rejects.toThrow(
      /no model weights \(onnx\/model\.onnx, model\.onnx/,
    );
  });
});
