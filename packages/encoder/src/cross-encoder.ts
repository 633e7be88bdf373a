import { RetrievekitError } from '@retrievekit/core';
import type { RetrievekitTokenizer } from '@retrievekit/tokenizer';
import { checkBatchSize, runBucketed } from './bucketed-run.js';
import type { EncodeCallOptions, EncoderCommonOptions, TruncationReport } from './encode-options.js';
import { reportTruncation } from './encode-options.js';
import { checkIdsInVocabulary, checkModelInputs, checkVocabulary, requireOutput } from './model-inputs.js';
import type { ModelSession } from './session.js';

/** Options of {@link createCrossEncoder}. */
export interface CrossEncoderOptions extends EncoderCommonOptions {
  /** A sequence-classification model with a `logits` output (`batch x labels`). */
  session: ModelSession;
  /** Its tokenizer (pairs: `[CLS] query [SEP] passage [SEP]`, longest-first truncation). */
  tokenizer: RetrievekitTokenizer;
  /** Which logit is the relevance score. Default: 0 for one label, 1 (the "relevant" class) for two. */
  label?: number;
}

/** Scores of one call, one per pair, in the caller's order, with the truncation report. */
export interface CrossScores extends TruncationReport {
  /** The relevance logit of each pair. */
  readonly scores: Float32Array;
}

/** A cross-encoder (re-ranker): scores (query, passage) pairs jointly. */
export interface CrossEncoder {
  /** Scores `queries[i]` with `passages[i]`. */
  scorePairs(
    queries: readonly string[],
    passages: readonly string[],
    options?: EncodeCallOptions,
  ): Promise<CrossScores>;
  /** Scores one query against many passages. */
  rank(query: string, passages: readonly string[], options?: EncodeCallOptions): Promise<CrossScores>;
  /** Releases the session. */
  release(): Promise<void>;
}

/**
 * Creates a cross-encoder over a session with a `logits` output.
 *
 * @example
 * ```ts
 * const reranker = createCrossEncoder({ session, tokenizer });
 * const { scores } = await reranker.rank('query', ['passage one', 'passage two']);
 * ```
 */
export function createCrossEncoder(options: CrossEncoderOptions): CrossEncoder {
  const { session, tokenizer } = options;
  const { tokenTypes } = checkModelInputs(session);
  requireOutput(session, 'logits', 'cross-encoder');
  checkVocabulary(tokenizer.vocabSize, options.modelVocabSize);
  const defaultBatch = checkBatchSize(options.batchSize ?? 32);

  const scorePairs = async (
    queries: readonly string[],
    passages: readonly string[],
    call: EncodeCallOptions = {},
  ): Promise<CrossScores> => {
    const batch = tokenizer.encodePairs(queries, passages, { maxLength: call.maxLength });
    checkIdsInVocabulary(batch, options.modelVocabSize);
    const scores = new Float32Array(batch.rows);
    await runBucketed(
      session,
      batch,
      {
        batchSize: call.batchSize ?? defaultBatch,
        tokenTypes,
        outputs: ['logits'],
        signal: call.signal,
        onProgress: call.onProgress,
      },
      (outputs, rows) => {
        const tensor = outputs.logits;
        if (tensor === undefined) throw new RetrievekitError('RUNTIME', 'the runtime returned no "logits"');
        const labels = tensor.dims[tensor.dims.length - 1] as number;
        const label = options.label ?? (labels === 2 ? 1 : 0);
        if (!Number.isInteger(label) || label < 0 || label >= labels) {
          throw new RetrievekitError(
            'INVALID_ARGUMENT',
            `label ${label} is outside the model's ${labels} logits`,
            {
              where: { field: 'label' },
            },
          );
        }
        for (let k = 0; k < rows.length; k++)
          scores[rows[k] as number] = tensor.data[k * labels + label] as number;
      },
    );
    const report = { truncated: batch.truncated, droppedTokens: batch.droppedTokens };
    reportTruncation(report, 'pair', options.onTruncate);
    return { scores, ...report };
  };

  return {
    scorePairs,
    rank: (query, passages, call) =>
      scorePairs(
        passages.map(() => query),
        passages,
        call,
      ),
    release: () => session.release(),
  };
}
