import { Tokenizer } from '@huggingface/tokenizers';
import type { Passage } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { createBertFastPath } from './bert-fast-path.js';
import type { LengthBuckets } from './bucket-by-length.js';
import { bucketIndices } from './bucket-by-length.js';
import type { ContentTokens } from './content-encoder.js';
import { ContentEncoder } from './content-encoder.js';
import type { EncodeBatchOptions, ResolvedOptions } from './encode-options.js';
import { checkMaxLength, resolveOptions } from './encode-options.js';
import type { AssembledRow, EncodedBatch } from './encoded-batch.js';
import { assembleBatch } from './encoded-batch.js';
import type { PrefixSafety } from './prefix-safety.js';
import { analysePrefixSafety } from './prefix-safety.js';
import { pairRow, singleRow } from './row-builder.js';
import type { SpecialTemplate } from './special-template.js';
import { readSpecialTemplate } from './special-template.js';
import { assertTexts, passageText, toWellFormed } from './text-input.js';
import { readModelMaxLength, readPadTokenId, readVocabSize } from './tokenizer-config.js';

/** Options of {@link createTokenizer}. */
export interface CreateTokenizerOptions {
  /** The parsed tokenizer.json of the model. */
  tokenizerJson: Record<string, unknown>;
  /** The parsed tokenizer_config.json (special tokens, `model_max_length`); `{}` when absent. */
  tokenizerConfig?: Record<string, unknown>;
  /**
   * Default max lengths (special tokens included) of {@link RetrievekitTokenizer.encodeQueries} and
   * {@link RetrievekitTokenizer.encodePassages}. Default: the model's `model_max_length` for both (512 for
   * TAS-B). TAS-B was trained with `{ query: 30, passage: 200 }`.
   */
  maxLength?: { query?: number; passage?: number };
  /**
   * Encode BERT pipelines (BertNormalizer + BertPreTokenizer + WordPiece) with the built-in fast path,
   * which gives the same ids several times faster (default `true`; `false` runs every text through
   * `@huggingface/tokenizers`' `encode`).
   */
  accelerate?: boolean;
}

/** A tokenizer that encodes batches to int64 matrices for ONNX transformers. Made by {@link createTokenizer}. */
export interface RetrievekitTokenizer {
  /** One more than the largest id the tokenizer can emit; encoders check it against the embedding rows. */
  readonly vocabSize: number;
  /** The model's `model_max_length`, or undefined when the configs give none. */
  readonly modelMaxLength: number | undefined;
  /** Id written into padding positions. */
  readonly padTokenId: number;
  /** Resolved default max lengths of queries and passages. */
  readonly maxLength: { readonly query: number; readonly passage: number };
  /** True when texts go through the fast BERT path rather than `@huggingface/tokenizers`' `encode`. */
  readonly fastPath: boolean;
  /** Whether long texts are tokenised from a prefix (and why not, when not). */
  readonly prefixTokenisation: PrefixSafety;
  /** Special tokens around one text and around a pair. */
  readonly template: SpecialTemplate;
  /** Token ids of one text with special tokens, untruncated (or truncated to `maxLength` when given). */
  encode(text: string, options?: { maxLength?: number }): number[];
  /** Encodes texts to one padded batch. `maxLength` defaults to the model's limit. */
  encodeBatch(texts: readonly string[], options?: EncodeBatchOptions): EncodedBatch;
  /** {@link encodeBatch} with the query default max length. */
  encodeQueries(queries: readonly string[], options?: EncodeBatchOptions): EncodedBatch;
  /** {@link encodeBatch} with the passage default max length; `{ title, text }` passages become `title + " " + text`. */
  encodePassages(
    passages: readonly (string | Pick<Passage, 'text' | 'title'>)[],
    options?: EncodeBatchOptions,
  ): EncodedBatch;
  /** Encodes (query, passage) pairs for cross-encoders: pair template, type ids 0/1, longest-first truncation. */
  encodePairs(
    queries: readonly string[],
    passages: readonly string[],
    options?: EncodeBatchOptions,
  ): EncodedBatch;
  /** Sorts texts by token length into batches of `batchSize` and gives the permutation back. */
  bucketByLength(texts: readonly string[], batchSize: number, options?: EncodeBatchOptions): LengthBuckets;
}

const PROGRESS_EVERY = 1024;

/**
 * Creates a tokenizer from a parsed tokenizer.json (WordPiece, BPE, Unigram... anything
 * `@huggingface/tokenizers` loads) and its tokenizer_config.json.
 *
 * @example
 * ```ts
 * const tokenizer = createTokenizer({ tokenizerJson, tokenizerConfig, maxLength: { query: 30, passage: 200 } });
 * const batch = tokenizer.encodeQueries(['how many people live in london?']);
 * batch.inputIds; // BigInt64Array [101n, 2129n, 2116n, 2111n, 2444n, 1999n, 2414n, 1029n, 102n]
 * ```
 */
export function createTokenizer(options: CreateTokenizerOptions): RetrievekitTokenizer {
  const { tokenizerJson } = options;
  const tokenizerConfig = options.tokenizerConfig ?? {};
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const fastPath =
    options.accelerate === false ? undefined : createBertFastPath(tokenizerJson, tokenizerConfig);
  const template = readSpecialTemplate(tokenizerJson.post_processor);
  const modelMaxLength = readModelMaxLength(tokenizerJson, tokenizerConfig);
  const padTokenId = readPadTokenId(tokenizer, tokenizerJson, tokenizerConfig);
  const prefixTokenisation = analysePrefixSafety(tokenizerJson);
  const content = new ContentEncoder(
    fastPath ?? ((text) => tokenizer.encode(text, { add_special_tokens: false }).ids),
    prefixTokenisation,
  );
  const fallback = modelMaxLength ?? 512;
  const check = (value: number | undefined, field: string): number =>
    checkMaxLength(value ?? fallback, template.singleAdded, modelMaxLength, field);
  const maxLength = {
    query: check(options.maxLength?.query, 'maxLength.query'),
    passage: check(options.maxLength?.passage, 'maxLength.passage'),
  };

  const leading = (text: string, budget: number, resolved: ResolvedOptions): ContentTokens => {
    const clean = toWellFormed(text);
    if (resolved.countDropped || !resolved.truncation) return { ids: content.full(clean), complete: true };
    return content.leading(clean, budget + 1);
  };

  const tooLong = (field: string, index: number, tokens: number, limit: number): RetrievekitError =>
    new RetrievekitError(
      'INVALID_ARGUMENT',
      `${field}[${index}] has ${tokens} tokens, more than maxLength ${limit}`,
      {
        where: { field, index },
        hint: 'allow truncation (truncation: true) or raise maxLength',
      },
    );

  const finish = (rows: AssembledRow[], resolved: ResolvedOptions): EncodedBatch => {
    let seqLength = resolved.maxLength;
    if (resolved.padding === 'longest') {
      seqLength = 0;
      for (const row of rows) seqLength = Math.max(seqLength, row.ids.length);
    }
    return assembleBatch(rows, seqLength, padTokenId);
  };

  const encodeSingles = (texts: readonly string[], resolved: ResolvedOptions, extra: EncodeBatchOptions) => {
    const budget = resolved.maxLength - template.singleAdded;
    const rows: AssembledRow[] = [];
    for (let i = 0; i < texts.length; i++) {
      if (i % PROGRESS_EVERY === 0) {
        throwIfAborted(extra.signal, 'tokenisation');
        if (i > 0) extra.onProgress?.({ done: i, total: texts.length, unit: 'texts' });
      }
      const row = singleRow(template.single, leading(texts[i] as string, budget, resolved), budget);
      if (row.dropped !== 0 && !resolved.truncation) {
        throw tooLong('texts', i, row.ids.length - template.singleAdded + row.dropped, resolved.maxLength);
      }
      rows.push(row);
    }
    extra.onProgress?.({ done: texts.length, total: texts.length, unit: 'texts' });
    return rows;
  };

  const encodeBatch = (texts: readonly string[], opts: EncodeBatchOptions = {}, fallbackMax = fallback) => {
    assertTexts(texts, 'texts');
    const resolved = resolveOptions(opts, fallbackMax, template.singleAdded, modelMaxLength);
    return finish(encodeSingles(texts, resolved, opts), resolved);
  };

  const encodePairs = (
    queries: readonly string[],
    passages: readonly string[],
    opts: EncodeBatchOptions = {},
  ) => {
    assertTexts(queries, 'queries');
    assertTexts(passages, 'passages');
    if (queries.length !== passages.length) {
      throw new RetrievekitError(
        'DIMENSION_MISMATCH',
        `${queries.length} queries but ${passages.length} passages: pairs need one of each`,
        { where: { field: 'passages' } },
      );
    }
    const resolved = resolveOptions(opts, fallback, template.pairAdded, modelMaxLength);
    const budget = resolved.maxLength - template.pairAdded;
    const rows: AssembledRow[] = [];
    for (let i = 0; i < queries.length; i++) {
      if (i % PROGRESS_EVERY === 0) throwIfAborted(opts.signal, 'tokenisation');
      // Each side is capped at maxLength tokens before the pair is cut (as Rust does), so maxLength
      // leading tokens of each decide the result.
      const first = leading(queries[i] as string, resolved.maxLength - 1, resolved);
      const second = leading(passages[i] as string, resolved.maxLength - 1, resolved);
      const row = pairRow(template.pair, first, second, budget, resolved.maxLength);
      if (row.dropped !== 0 && !resolved.truncation) {
        throw tooLong(
          'pairs',
          i,
          first.ids.length + second.ids.length + template.pairAdded,
          resolved.maxLength,
        );
      }
      rows.push(row);
    }
    opts.onProgress?.({ done: queries.length, total: queries.length, unit: 'pairs' });
    return finish(rows, resolved);
  };

  return {
    vocabSize: readVocabSize(tokenizer),
    modelMaxLength,
    padTokenId,
    maxLength,
    fastPath: fastPath !== undefined,
    prefixTokenisation,
    template,
    encode(text, opts = {}) {
      assertTexts([text], 'text');
      if (opts.maxLength === undefined)
        return singleRow(
          template.single,
          { ids: content.full(toWellFormed(text)), complete: true },
          Number.POSITIVE_INFINITY,
        ).ids.slice();
      const resolved = resolveOptions(opts, fallback, template.singleAdded, modelMaxLength);
      const budget = resolved.maxLength - template.singleAdded;
      return singleRow(template.single, leading(text, budget, resolved), budget).ids.slice();
    },
    encodeBatch: (texts, opts) => encodeBatch(texts, opts),
    encodeQueries: (queries, opts) => encodeBatch(queries, opts, maxLength.query),
    encodePassages(passages, opts) {
      if (!Array.isArray(passages)) assertTexts(passages, 'passages');
      const texts = passages.map((p, i) => {
        if (typeof p === 'string') return p;
        if (typeof p === 'object' && p !== null && typeof p.text === 'string') return passageText(p);
        throw new RetrievekitError(
          'INVALID_ARGUMENT',
          `passages[${i}] is neither a string nor { text, title? }`,
          {
            where: { field: 'passages', index: i },
          },
        );
      });
      return encodeBatch(texts, opts, maxLength.passage);
    },
    encodePairs,
    bucketByLength(texts, batchSize, opts = {}) {
      if (!Number.isInteger(batchSize) || batchSize < 1) {
        throw new RetrievekitError(
          'INVALID_ARGUMENT',
          `batchSize must be a positive integer, got ${batchSize}`,
          {
            where: { field: 'batchSize' },
          },
        );
      }
      assertTexts(texts, 'texts');
      const resolved = resolveOptions(
        { ...opts, padding: 'longest' },
        fallback,
        template.singleAdded,
        modelMaxLength,
      );
      const lengths = Int32Array.from(encodeSingles(texts, resolved, opts), (row) => row.ids.length);
      return bucketIndices(lengths, batchSize);
    },
  };
}
