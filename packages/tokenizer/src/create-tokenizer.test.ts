import { describe, expect, test } from 'vitest';
import type { EncodedBatch } from './encoded-batch.js';
import { tasbTokenizer } from './test-fixtures.js';

const tokenizer = tasbTokenizer({ maxLength: { query: 30, passage: 200 } });

function rows(batch: EncodedBatch, field: 'inputIds' | 'attentionMask' | 'tokenTypeIds'): number[][] {
  return Array.from({ length: batch.rows }, (_, r) =>
    Array.from(batch[field].subarray(r * batch.seqLength, (r + 1) * batch.seqLength), Number),
  );
}

describe('createTokenizer on the TAS-B tokenizer', () => {
  test('reads the model facts', () => {
    expect(tokenizer.vocabSize).toBe(30522);
    expect(tokenizer.modelMaxLength).toBe(512);
    expect(tokenizer.padTokenId).toBe(0);
    expect(tokenizer.maxLength).toEqual({ query: 30, passage: 200 });
    expect(tokenizer.fastPath).toBe(true);
    expect(tokenizer.prefixTokenisation).toEqual({ safe: true, cjkCuts: true });
  });

  test('encodes the example of the model folder (SOURCE.md)', () => {
    expect(tokenizer.encode('How many people live in London?')).toEqual([
      101, 2129, 2116, 2111, 2444, 1999, 2414, 1029, 102,
    ]);
  });

  test('pads to the longest row with mask 0 and the pad id', () => {
    const batch = tokenizer.encodeBatch(['How many people live in London?', 'london', '']);
    expect(batch.seqLength).toBe(9);
    expect(Array.from(batch.lengths)).toEqual([9, 3, 2]);
    expect(rows(batch, 'inputIds')[1]).toEqual([101, 2414, 102, 0, 0, 0, 0, 0, 0]);
    expect(rows(batch, 'attentionMask')[2]).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(
      rows(batch, 'tokenTypeIds')
        .flat()
        .every((t) => t === 0),
    ).toBe(true);
    expect(Array.from(batch.truncated)).toEqual([0, 0, 0]);
  });

  test("padding 'max_length' gives fixed columns", () => {
    const batch = tokenizer.encodeBatch(['london'], { maxLength: 16, padding: 'max_length' });
    expect(batch.seqLength).toBe(16);
    expect(batch.inputIds.length).toBe(16);
  });

  test('truncation keeps [CLS] and [SEP] and drops the last content tokens', () => {
    const text = 'a b c d e f g h i j';
    const batch = tokenizer.encodeBatch([text, 'a b'], { maxLength: 6 });
    expect(rows(batch, 'inputIds')[0]).toEqual([101, 1037, 1038, 1039, 1040, 102]);
    expect(Array.from(batch.truncated)).toEqual([1, 0]);
    expect(Array.from(batch.droppedTokens)).toEqual([6, 0]);
  });

  test('queries and passages use their own default max lengths', () => {
    const long = 'word '.repeat(600);
    expect(tokenizer.encodeQueries([long]).seqLength).toBe(30);
    expect(tokenizer.encodePassages([long]).seqLength).toBe(200);
    expect(tokenizer.encodeBatch([long]).seqLength).toBe(512);
    expect(tokenizer.encodeQueries([long], { maxLength: 10 }).seqLength).toBe(10);
  });

  test('passages with a title are encoded as title + " " + text (BEIR)', () => {
    const passage = { title: 'London', text: 'has people.' };
    expect(tokenizer.encodePassages([passage]).inputIds).toEqual(
      tokenizer.encodeBatch(['London has people.']).inputIds,
    );
  });

  test('pairs follow the [CLS] A [SEP] B [SEP] template with type ids 0 then 1', () => {
    const batch = tokenizer.encodePairs(['london'], ['people live'], { maxLength: 32 });
    expect(rows(batch, 'inputIds')[0]).toEqual([101, 2414, 102, 2111, 2444, 102]);
    expect(rows(batch, 'tokenTypeIds')[0]).toEqual([0, 0, 0, 1, 1, 1]);
  });

  test('pairs are truncated longest first', () => {
    // 13 + 8 content tokens into 10 - 3 = 7: the shorter side gets 3, the longer 4 (Rust gives the same).
    const batch = tokenizer.encodePairs(['a b c d e f g h i j k l m'], ['n o p q r s t u'], {
      maxLength: 10,
    });
    expect(rows(batch, 'inputIds')[0]).toEqual([101, 1037, 1038, 1039, 1040, 102, 1050, 1051, 1052, 102]);
    expect(Array.from(batch.droppedTokens)).toEqual([14]);
  });

  test('empty, whitespace-only, NUL and lone surrogates are defined', () => {
    expect(tokenizer.encode('')).toEqual([101, 102]);
    expect(tokenizer.encode(' \t\n ')).toEqual([101, 102]);
    expect(tokenizer.encode('\0')).toEqual([101, 102]);
    // Lone surrogates become U+FFFD (what Rust sees), which BERT's cleaning removes: "x\ud800y" is "xy".
    expect(tokenizer.encode('x\ud800y')).toEqual(tokenizer.encode('xy'));
    expect(tokenizer.encode('x\udc00 y')).toEqual(tokenizer.encode('x y'));
    expect(tokenizer.encode('a\0b')).toEqual(tokenizer.encode('ab'));
  });

  test('reports progress and honours an aborted signal', () => {
    const seen: number[] = [];
    tokenizer.encodeBatch(['a', 'b', 'c'], { onProgress: (p) => seen.push(p.done) });
    expect(seen.at(-1)).toBe(3);
    const controller = new AbortController();
    controller.abort();
    expect(() => tokenizer.encodeBatch(['a'], { signal: controller.signal })).toThrow(/cancelled/);
  });

  test('a tokenizer without the fast path gives the same ids', () => {
    const stock = tasbTokenizer({ accelerate: false });
    const texts = ['How many people live in London?', 'Café naïve 中文 [SEP] x\ud800y', ''];
    expect(stock.fastPath).toBe(false);
    expect(stock.encodeBatch(texts).inputIds).toEqual(tokenizer.encodeBatch(texts).inputIds);
  });
});
