import { RetrievekitError } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { createDenseEncoder } from './dense-encoder.js';
import { fakeSession, tasbTokenizer } from './test-fixtures.test-helper.js';

describe('createDenseEncoder with a fake session', () => {
  it('buckets by length (batches pad only to their own longest row) and restores the caller order', async () => {
    const tokenizer = await tasbTokenizer();
    const { session, calls } = fakeSession();
    const encoder = createDenseEncoder({ session, tokenizer, batchSize: 2 });
    const texts = ['a', 'one two three four five', 'b', 'one two three four five six seven', 'one two'];
    const { embeddings } = await encoder.encodePassages(texts);
    // Lengths with [CLS] [SEP]: 3, 7, 3, 9, 4 -> batches (9, 7), (4, 3), (3).
    expect(calls.map((c) => [c.rows, c.seqLength])).toEqual([
      [2, 9],
      [2, 4],
      [1, 3],
    ]);
    // The CLS row holds [101, 0, padded width of its runtime batch, 1]: rows come back in the caller's
    // order, each with the width of the batch it ran in (texts 3 + 1 at 9, 4 + 0 at 4, 2 at 3).
    expect(Array.from({ length: 5 }, (_, i) => embeddings.data[i * 4 + 2])).toEqual([4, 9, 3, 9, 4]);
    expect(Array.from({ length: 5 }, (_, i) => embeddings.data[i * 4])).toEqual([101, 101, 101, 101, 101]);
  });

  it('mean and max pooling skip padding; normalisation makes unit vectors', async () => {
    const tokenizer = await tasbTokenizer();
    const { session } = fakeSession();
    const ids = tokenizer.encode('one two');
    const mean = createDenseEncoder({ session, tokenizer, pooling: 'mean' });
    const long = (await mean.encodePassages(['one two three four five six', 'one two'])).embeddings;
    const meanId = ids.reduce((a, b) => a + b, 0) / ids.length;
    expect(long.data[4]).toBeCloseTo(meanId, 3);
    expect(long.data[5]).toBeCloseTo((ids.length - 1) / 2, 5); // mean position over real tokens only
    const max = createDenseEncoder({ session, tokenizer, pooling: 'max' });
    const m = (await max.encodePassages(['one two three four five six', 'one two'])).embeddings;
    expect(m.data[5]).toBe(ids.length - 1);
    const unit = createDenseEncoder({ session, tokenizer, normalize: true });
    const u = (await unit.encodeQueries(['x'])).embeddings.data;
    expect(Math.hypot(...u)).toBeCloseTo(1, 6);
  });

  it('feeds token_type_ids only to models that take them', async () => {
    const tokenizer = await tasbTokenizer();
    const bert = fakeSession(['input_ids', 'token_type_ids', 'attention_mask']);
    await createDenseEncoder({ session: bert.session, tokenizer }).encodeQueries(['x']);
    expect(bert.calls[0]?.feeds).toEqual(['attention_mask', 'input_ids', 'token_type_ids']);
  });

  it('refuses models with wrong input names, listing their inputs', async () => {
    const tokenizer = await tasbTokenizer();
    const { session } = fakeSession(['input_ids', 'mask']);
    expect(() => createDenseEncoder({ session, tokenizer })).toThrow(
      'the model lacks attention_mask and has unknown inputs mask; its inputs are [input_ids, mask]',
    );
    const noOutput = fakeSession(undefined, ['logits']).session;
    expect(() => createDenseEncoder({ session: noOutput, tokenizer })).toThrow(/outputs are \[logits\]/);
  });

  it('refuses a tokenizer with more ids than the model has embedding rows, before any run', async () => {
    const tokenizer = await tasbTokenizer();
    const { session, calls } = fakeSession();
    const error = (() => {
      try {
        createDenseEncoder({ session, tokenizer, modelVocabSize: 1000 });
      } catch (e) {
        return e;
      }
    })();
    expect(RetrievekitError.hasCode(error, 'DIMENSION_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain(
      "the tokenizer has 30522 ids but the model's embedding has 1000 rows",
    );
    expect(calls).toHaveLength(0);
  });

  it('returns an empty batch for no texts and rejects a bad batch size', async () => {
    const tokenizer = await tasbTokenizer();
    const { session, calls } = fakeSession();
    const encoder = createDenseEncoder({ session, tokenizer });
    expect((await encoder.encodeQueries([])).embeddings.rows).toBe(0);
    expect(calls).toHaveLength(0);
    await expect(encoder.encodeQueries(['x'], { batchSize: 0 })).rejects.toThrow(
      'batchSize must be a positive integer, got 0',
    );
  });
});
