import type { LongTaskOptions } from '@retrievekit/core';

/** One text that was truncated to fit the model: its index in the call and the tokens dropped. */
export interface TruncationEvent {
  /** Index of the text (or pair) in the call, or in the stream for streamed passages. */
  readonly index: number;
  /** Content tokens dropped; -1 means "some" (only a prefix of a very long text was tokenised). */
  readonly droppedTokens: number;
  /** Which side was encoded. */
  readonly side: 'query' | 'passage' | 'pair';
}

/** Options of one encoding call. */
export interface EncodeCallOptions extends LongTaskOptions {
  /** Rows per runtime call (default: the encoder's `batchSize`, 32). */
  batchSize?: number;
  /** Most tokens per text, special tokens included (default: the tokenizer's side default). */
  maxLength?: number;
}

/** Options every encoder takes. */
export interface EncoderCommonOptions {
  /** Rows per runtime call. Default 32. */
  batchSize?: number;
  /**
   * Rows of the model's embedding matrix (`vocab_size` of config.json). When given, a tokenizer with
   * more ids is refused at creation, before the runtime could index past the matrix.
   */
  modelVocabSize?: number;
  /** Called for every truncated text (besides the per-item `truncated` / `droppedTokens` of results). */
  onTruncate?: (event: TruncationEvent) => void;
}

/** Per-item truncation report of a call, in the caller's order. */
export interface TruncationReport {
  /** 1 where tokens were dropped, else 0. */
  readonly truncated: Uint8Array;
  /** Content tokens dropped per item (-1: some, uncounted). */
  readonly droppedTokens: Int32Array;
}

/** Calls `onTruncate` for each truncated row. */
export function reportTruncation(
  report: TruncationReport,
  side: TruncationEvent['side'],
  onTruncate: EncoderCommonOptions['onTruncate'],
  offset = 0,
): void {
  if (onTruncate === undefined) return;
  for (let i = 0; i < report.truncated.length; i++) {
    if (report.truncated[i] === 1)
      onTruncate({ index: offset + i, droppedTokens: report.droppedTokens[i] as number, side });
  }
}
