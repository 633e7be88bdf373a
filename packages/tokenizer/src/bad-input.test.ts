import { RetrievekitError } from '@retrievekit/core';
import { describe, expect, test } from 'vitest';
import { tasbTokenizer } from './test-fixtures.js';

const tokenizer = tasbTokenizer();

function caught(run: () => unknown): RetrievekitError {
  try {
    run();
  } catch (error) {
    if (RetrievekitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a RetrievekitError');
}

describe('bad input', () => {
  test('a non-string item names its index', () => {
    const error = caught(() => tokenizer.encodeBatch(['ok', 42 as unknown as string]));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.where).toEqual({ field: 'texts', index: 1 });
    expect(error.message).toMatch(/texts\[1\] is number, not a string/);
    expect(caught(() => tokenizer.encodeBatch([null as unknown as string])).message).toMatch(
      /texts\[0\] is null/,
    );
    expect(caught(() => tokenizer.encodeBatch('abc' as unknown as string[])).message).toMatch(
      /must be an array/,
    );
  });

  test('maxLength below the special tokens or above model_max_length is refused', () => {
    expect(caught(() => tokenizer.encodeBatch(['a'], { maxLength: 1 })).message).toMatch(
      /maxLength must be an integer >= 2 \(the template adds 2 special tokens\), got 1/,
    );
    expect(caught(() => tokenizer.encodePairs(['a'], ['b'], { maxLength: 2 })).message).toMatch(/>= 3/);
    expect(caught(() => tokenizer.encodeBatch(['a'], { maxLength: 513 })).message).toMatch(
      /maxLength 513 is larger than the model's model_max_length 512/,
    );
    expect(caught(() => tokenizer.encodeBatch(['a'], { maxLength: 2.5 })).code).toBe('INVALID_ARGUMENT');
    expect(caught(() => tasbTokenizer({ maxLength: { query: 1000 } })).message).toMatch(
      /maxLength.query 1000/,
    );
  });

  test('truncation: false refuses a text that does not fit, naming it', () => {
    const error = caught(() =>
      tokenizer.encodeBatch(['a', 'a b c d e'], { maxLength: 4, truncation: false }),
    );
    expect(error.where.index).toBe(1);
    expect(error.message).toMatch(/texts\[1\] has 5 tokens, more than maxLength 4/);
  });

  test('pairs need as many passages as queries', () => {
    expect(caught(() => tokenizer.encodePairs(['a', 'b'], ['c'])).message).toMatch(
      /2 queries but 1 passages/,
    );
  });

  test('bad padding and batch size are refused', () => {
    const padding = 'left' as unknown as 'longest';
    expect(caught(() => tokenizer.encodeBatch(['a'], { padding })).message).toMatch(/padding must be/);
    expect(caught(() => tokenizer.bucketByLength(['a'], 0)).message).toMatch(
      /batchSize must be a positive integer/,
    );
  });

  test('a passage that is neither a string nor { text } names its index', () => {
    const passages = ['ok', { title: 'x' }] as unknown as string[];
    expect(caught(() => tokenizer.encodePassages(passages)).where).toEqual({ field: 'passages', index: 1 });
  });
});
