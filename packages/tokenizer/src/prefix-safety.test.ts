import { describe, expect, test } from 'vitest';
import { analysePrefixSafety, findSafeCut } from './prefix-safety.js';
import { tasbFiles } from './test-fixtures.js';

describe('analysePrefixSafety', () => {
  test('BERT pipelines are safe, with CJK cuts', () => {
    expect(analysePrefixSafety(tasbFiles().tokenizerJson)).toEqual({ safe: true, cjkCuts: true });
  });

  test('pipelines that can join across whitespace are not', () => {
    const metaspace = { normalizer: null, pre_tokenizer: { type: 'Metaspace' }, added_tokens: [] };
    expect(analysePrefixSafety(metaspace)).toMatchObject({ safe: false, reason: 'pre-tokenizer Metaspace' });
    const replace = { normalizer: { type: 'Replace' }, pre_tokenizer: { type: 'Whitespace' } };
    expect(analysePrefixSafety(replace)).toMatchObject({ safe: false, reason: 'normalizer Replace' });
    const punctuationOnly = { pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Punctuation' }] } };
    expect(analysePrefixSafety(punctuationOnly).safe).toBe(false);
    const spacedToken = { pre_tokenizer: { type: 'Whitespace' }, added_tokens: [{ content: 'new york' }] };
    expect(analysePrefixSafety(spacedToken).safe).toBe(false);
  });

  test('findSafeCut finds whitespace (and CJK when allowed) at or after the start', () => {
    expect(findSafeCut('abc def', 1, false)).toBe(3);
    expect(findSafeCut('abc中def', 1, false)).toBe(-1);
    expect(findSafeCut('abc中def', 1, true)).toBe(3);
    expect(findSafeCut('abcdef', 0, true)).toBe(-1);
  });
});
