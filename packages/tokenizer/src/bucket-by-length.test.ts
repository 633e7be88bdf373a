import { RetrievekitError } from '@retrievekit/core';
import { describe, expect, test } from 'vitest';
import { restoreOrder } from './bucket-by-length.js';
import { tasbTokenizer } from './test-fixtures.js';

const tokenizer = tasbTokenizer();

describe('bucketByLength', () => {
  const texts = ['a', 'a b c d e', 'a b', 'a b c d e f g h', 'a b c', '', 'a b c d e f'];

  test('sorts by token length (longest first, stable) into batches and restores order', () => {
    const buckets = tokenizer.bucketByLength(texts, 3);
    expect(Array.from(buckets.lengths)).toEqual([3, 7, 4, 10, 5, 2, 8]);
    expect(buckets.batches.map((b) => Array.from(b))).toEqual([[3, 6, 1], [4, 2, 0], [5]]);
    expect(Array.from(buckets.order)).toEqual([3, 6, 1, 4, 2, 0, 5]);
    for (let i = 0; i < texts.length; i++) expect(buckets.order[buckets.inverse[i] as number]).toBe(i);
    const inBatchOrder = Array.from(buckets.order, (i) => texts[i]);
    expect(restoreOrder(inBatchOrder, buckets)).toEqual(texts);
  });

  test('lengths are capped at maxLength; batches pad less than the caller order', () => {
    const buckets = tokenizer.bucketByLength(texts, 2, { maxLength: 6 });
    expect(Math.max(...buckets.lengths)).toBe(6);
    const padded = buckets.batches.reduce(
      (sum, b) => sum + b.length * (buckets.lengths[b[0] as number] as number),
      0,
    );
    expect(padded).toBeLessThan(texts.length * 6);
  });

  test('restoreOrder refuses a wrong number of items', () => {
    const buckets = tokenizer.bucketByLength(texts, 2);
    expect(() => restoreOrder([1, 2], buckets)).toThrow(/expected 7 items in batch order, got 2/);
    try {
      restoreOrder([1], buckets);
    } catch (error) {
      expect(RetrievekitError.hasCode(error, 'DIMENSION_MISMATCH')).toBe(true);
    }
  });
});
