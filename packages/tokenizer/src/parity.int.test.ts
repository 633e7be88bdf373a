// Token-id parity on every SciFact passage and query with the real TAS-B tokenizer, against the Rust
// `tokenizers` binding (independent implementation, with its own truncation) and transformers.js.
import { AutoTokenizer, env } from '@huggingface/transformers';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { beforeAll, describe, expect, test } from 'vitest';
import type { EncodedBatch } from './encoded-batch.js';
import { scifactTexts, sharedDir, tasbDir, tasbTokenizer } from './test-fixtures.js';

const { passages, queries } = scifactTexts();
const tokenizer = tasbTokenizer();
const rust = RustTokenizer.fromFile(`${tasbDir}/tokenizer.json`);

function row(batch: EncodedBatch, i: number): number[] {
  const start = i * batch.seqLength;
  return Array.from(batch.inputIds.subarray(start, start + (batch.lengths[i] as number)), Number);
}

function typeRow(batch: EncodedBatch, i: number): number[] {
  const start = i * batch.seqLength;
  return Array.from(batch.tokenTypeIds.subarray(start, start + (batch.lengths[i] as number)), Number);
}

/** Index of the first row whose ids differ from `expected`, or -1. */
function firstMismatch(batch: EncodedBatch, expected: readonly (readonly number[])[]): number {
  for (let i = 0; i < expected.length; i++) {
    const got = row(batch, i);
    const want = expected[i] as readonly number[];
    if (got.length !== want.length || got.some((id, k) => id !== want[k])) return i;
  }
  return -1;
}

async function rustIds(texts: readonly string[], maxLength: number): Promise<number[][]> {
  rust.setTruncation(maxLength);
  const encodings = await rust.encodeBatch([...texts]);
  rust.disableTruncation();
  return encodings.map((encoding) => encoding.getIds());
}

describe('SciFact parity, TAS-B tokenizer (passages = BEIR title + " " + text)', () => {
  let jsFull: { passages: number[][]; queries: number[][] };
  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${sharedDir}/models/`;
    const reference = await AutoTokenizer.from_pretrained('tas-b-tokenizer-config');
    // transformers.js' own truncation cuts after the special tokens are added (it drops the final [SEP]),
    // unlike HF Python and Rust; so we take its untruncated ids and truncate the content ourselves.
    const encode = (text: string): number[] => reference.encode(text);
    jsFull = { passages: passages.map(encode), queries: queries.map(encode) };
  });

  const truncateFull = (ids: readonly number[], maxLength: number): number[] =>
    ids.length <= maxLength ? [...ids] : [...ids.slice(0, maxLength - 1), ids[ids.length - 1] as number];

  test.each([30, 200, 512])(
    'passages and queries at max length %i equal Rust and transformers.js',
    async (maxLength) => {
      for (const [name, texts] of [
        ['passages', passages],
        ['queries', queries],
      ] as const) {
        const ours = tokenizer.encodeBatch(texts, { maxLength });
        const rustExpected = await rustIds(texts, maxLength);
        expect(firstMismatch(ours, rustExpected), `${name} vs Rust`).toBe(-1);
        const jsExpected = jsFull[name].map((ids) => truncateFull(ids, maxLength));
        expect(firstMismatch(ours, jsExpected), `${name} vs transformers.js`).toBe(-1);
        const dropped = jsFull[name].map((ids) => Math.max(0, ids.length - maxLength));
        expect(Array.from(ours.truncated)).toEqual(dropped.map((d) => (d > 0 ? 1 : 0)));
        expect(ours.rows).toBe(texts.length);
      }
    },
  );

  test('droppedTokens counts exactly what full tokenisation drops when asked to count', () => {
    const ours = tokenizer.encodeBatch(passages, { maxLength: 512, countDropped: true });
    expect(Array.from(ours.droppedTokens)).toEqual(
      jsFull.passages.map((ids) => Math.max(0, ids.length - 512)),
    );
    expect(tokenizer.fastPath).toBe(true);
  });

  test('(query, passage) pairs at 512 and 128 equal Rust longest-first truncation with type ids', async () => {
    const pairQueries = passages.map((_, i) => queries[(i * 7) % queries.length] as string);
    for (const maxLength of [512, 128]) {
      const ours = tokenizer.encodePairs(pairQueries, passages, { maxLength });
      rust.setTruncation(maxLength);
      const expected = await Promise.all(passages.map((p, i) => rust.encode(pairQueries[i] as string, p)));
      rust.disableTruncation();
      expect(
        firstMismatch(
          ours,
          expected.map((e) => e.getIds()),
        ),
        `pairs at ${maxLength}`,
      ).toBe(-1);
      for (const i of [0, 1, 100, 2500, 5182]) expect(typeRow(ours, i)).toEqual(expected[i]?.getTypeIds());
    }
  });

  test('longest-first pair truncation equals Rust on every small (first, second, maxLength) case', async () => {
    const words = (n: number, letter: string): string => Array.from({ length: n }, () => letter).join(' ');
    for (let maxLength = 3; maxLength <= 14; maxLength++) {
      rust.setTruncation(maxLength);
      for (let a = 0; a <= 12; a++) {
        for (let b = 0; b <= 12; b++) {
          const ours = tokenizer.encodePairs([words(a, 'a')], [words(b, 'b')], { maxLength });
          const expected = (await rust.encode(words(a, 'a'), words(b, 'b'))).getIds();
          expect(row(ours, 0), `a=${a} b=${b} maxLength=${maxLength}`).toEqual(expected);
        }
      }
    }
    rust.disableTruncation();
  });

  test('supplementary-plane CJK ideographs are split off as the Rust tokenizers do', async () => {
    // U+2B830 lies in a gap of Rust's CJK ranges; @huggingface/tokenizers 0.2.0 splits none of these.
    for (const cp of [0x20000, 0x2a6df, 0x2a6e0, 0x2a700, 0x2b830, 0x2b920, 0x2ceaf, 0x2f800, 0x2fa20]) {
      const text = `a${String.fromCodePoint(cp)}b c`;
      expect(tokenizer.encode(text), cp.toString(16)).toEqual((await rust.encode(text)).getIds());
    }
  });
});
