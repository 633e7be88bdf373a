import type { Passage, SparseVector } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import type { EncodedBatch, RetrievekitTokenizer } from '@retrievekit/tokenizer';
import { checkBatchSize, runBucketed } from './bucketed-run.js';
import type { EncodeCallOptions, EncoderCommonOptions, TruncationReport } from './encode-options.js';
import { reportTruncation } from './encode-options.js';
import { checkIdsInVocabulary, checkModelInputs, checkVocabulary, requireOutput } from './model-inputs.js';
import type { ModelSession } from './session.js';

/** Options of {@link createSparseEncoder}. */
export interface SparseEncoderOptions extends EncoderCommonOptions {
  /** A SPLADE model with a `sparse_embedding` output (`batch x vocab`, log(1 + ReLU) max-pooled). */
  session: ModelSession;
  /** Its tokenizer. */
  tokenizer: RetrievekitTokenizer;
  /** Keep weights strictly above this. Default 0 (every non-zero SPLADE weight). */
  threshold?: number;
  /** Keep at most this many terms per vector (largest weights; ties by smaller id). Default: all. */
  topK?: number;
}

/** Sparse vectors of one call, in the caller's order, with the truncation report. */
export interface SparseEncoding extends TruncationReport {
  /** One vector per text: increasing vocabulary ids and their weights. */
  readonly vectors: SparseVector[];
}

/** A SPLADE encoder: texts to sparse vocabulary-weight vectors. */
export interface SparseEncoder {
  /** Encodes queries. */
  encodeQueries(queries: readonly string[], options?: EncodeCallOptions): Promise<SparseEncoding>;
  /** Encodes passages (strings or `{ title, text }`). */
  encodePassages(
    passages: readonly (string | Pick<Passage, 'text' | 'title'>)[],
    options?: EncodeCallOptions,
  ): Promise<SparseEncoding>;
  /** Releases the session. */
  release(): Promise<void>;
}

/** Keeps the entries of one dense row above `threshold` (at most `topK`), as a {@link SparseVector}. */
export function sparsify(row: Float32Array, threshold: number, topK: number | undefined): SparseVector {
  let kept: number[] = [];
  for (let i = 0; i < row.length; i++) if ((row[i] as number) > threshold) kept.push(i);
  if (topK !== undefined && kept.length > topK) {
    kept.sort((a, b) => (row[b] as number) - (row[a] as number) || a - b);
    kept = kept.slice(0, topK).sort((a, b) => a - b);
  }
  return { indices: Uint32Array.from(kept), values: Float32Array.from(kept, (i) => row[i] as number) };
}

/**
 * Creates a SPLADE encoder over a session with a `sparse_embedding` output (as `@retrievekit/models`
 * builds with `head: { kind: 'splade' }`).
 *
 * @example
 * ```ts
 * const splade = createSparseEncoder({ session, tokenizer, topK: 256 });
 * const { vectors } = await splade.encodeQueries(['sparse retrieval']);
 * ```
 */
export function createSparseEncoder(options: SparseEncoderOptions): SparseEncoder {
  const { session, tokenizer } = options;
  const { tokenTypes } = checkModelInputs(session);
  requireOutput(session, 'sparse_embedding', 'sparse encoder');
  checkVocabulary(tokenizer.vocabSize, options.modelVocabSize);
  const threshold = options.threshold ?? 0;
  if (!Number.isFinite(threshold)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `threshold must be finite, got ${threshold}`, {
      where: { field: 'threshold' },
    });
  }
  const topK = options.topK === undefined ? undefined : checkBatchSize(options.topK);
  const defaultBatch = checkBatchSize(options.batchSize ?? 32);

  const run = async (
    batch: EncodedBatch,
    side: 'query' | 'passage',
    call: EncodeCallOptions,
  ): Promise<SparseEncoding> => {
    checkIdsInVocabulary(batch, options.modelVocabSize);
    const vectors = new Array<SparseVector>(batch.rows);
    await runBucketed(
      session,
      batch,
      {
        batchSize: call.batchSize ?? defaultBatch,
        tokenTypes,
        outputs: ['sparse_embedding'],
        signal: call.signal,
        onProgress: call.onProgress,
      },
      (outputs, rows) => {
        const tensor = outputs.sparse_embedding;
        if (tensor === undefined)
          throw new RetrievekitError('RUNTIME', 'the runtime returned no "sparse_embedding"');
        const vocab = tensor.dims[tensor.dims.length - 1] as number;
        for (let k = 0; k < rows.length; k++) {
          vectors[rows[k] as number] = sparsify(
            tensor.data.subarray(k * vocab, (k + 1) * vocab),
            threshold,
            topK,
          );
        }
      },
    );
    const report = { truncated: batch.truncated, droppedTokens: batch.droppedTokens };
    reportTruncation(report, side, options.onTruncate);
    return { vectors, ...report };
  };

  return {
    encodeQueries: (queries, call = {}) =>
      run(tokenizer.encodeQueries(queries, { maxLength: call.maxLength }), 'query', call),
    encodePassages: (passages, call = {}) =>
      run(tokenizer.encodePassages(passages, { maxLength: call.maxLength }), 'passage', call),
    release: () => session.release(),
  };
}
