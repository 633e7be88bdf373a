import type { DenseBatch, LongTaskOptions, Passage } from '@retrievekit/core';
import { createDenseBatch, RetrievekitError } from '@retrievekit/core';
import type { EncodedBatch, RetrievekitTokenizer } from '@retrievekit/tokenizer';
import { checkBatchSize, runBucketed } from './bucketed-run.js';
import type { EncodeCallOptions, EncoderCommonOptions, TruncationReport } from './encode-options.js';
import { reportTruncation } from './encode-options.js';
import { checkIdsInVocabulary, checkModelInputs, checkVocabulary } from './model-inputs.js';
import type { PoolingMode } from './pooling.js';
import { normalizeRows, poolHiddenStates } from './pooling.js';
import type { ScoreMetric } from './scores.js';
import { scoreDense } from './scores.js';
import type { ModelSession } from './session.js';
import { streamWindows } from './stream-windows.js';

/** Options of {@link createDenseEncoder}. Defaults are TAS-B's: CLS pooling, no normalisation, dot. */
export interface DenseEncoderOptions extends EncoderCommonOptions {
  /** The loaded model. */
  session: ModelSession;
  /** Its tokenizer. */
  tokenizer: RetrievekitTokenizer;
  /** Pooling of `last_hidden_state` when the graph has no pooled output. Default `'cls'` (TAS-B). */
  pooling?: PoolingMode;
  /**
   * `'auto'` (default): use the graph's `sentence_embedding` output when it has one (pooled by the graph,
   * e.g. built by `@retrievekit/models`), else pool `last_hidden_state` here. `'hidden-states'`: always pool here.
   */
  poolingSource?: 'auto' | 'hidden-states';
  /**
   * Name of the hidden-states output (`batch x sequence x hidden`) for graphs exported under another
   * name (e.g. `'output_0'`). Default `'last_hidden_state'`.
   */
  hiddenStatesOutput?: string;
  /** Scale vectors to unit length. Default false (TAS-B was trained with raw dot products). */
  normalize?: boolean;
  /** Metric of {@link DenseEncoder.score}. Default `'dot'`. */
  metric?: ScoreMetric;
}

/** Vectors of one call, in the caller's order, with the per-item truncation report. */
export interface DenseEncoding extends TruncationReport {
  /** One vector per text. */
  readonly embeddings: DenseBatch;
}

/** One chunk of {@link DenseEncoder.encodePassageStream}: ids and vectors in stream order. */
export interface DenseChunk extends DenseEncoding {
  /** Passage ids of the rows. */
  readonly ids: readonly string[];
}

/** Options of {@link DenseEncoder.encodePassageStream}. */
export interface DenseStreamOptions extends LongTaskOptions {
  /** Rows per runtime call. Default: the encoder's batch size. */
  batchSize?: number;
  /** Passages held at once (tokenised, bucketed and yielded together). Default `batchSize * 8`. */
  windowSize?: number;
  /** Most tokens per passage (default: the tokenizer's passage default). */
  maxLength?: number;
}

/** A text to vector encoder for dense retrieval (TAS-B and other bi-encoders). */
export interface DenseEncoder {
  /** Pooling used on hidden states. */
  readonly pooling: PoolingMode;
  /** True when the graph's `sentence_embedding` output is used instead of pooling here. */
  readonly graphPooled: boolean;
  /** Whether vectors are scaled to unit length. */
  readonly normalize: boolean;
  /** Metric of {@link DenseEncoder.score}. */
  readonly metric: ScoreMetric;
  /** Encodes queries (tokenizer's query max length). */
  encodeQueries(queries: readonly string[], options?: EncodeCallOptions): Promise<DenseEncoding>;
  /** Encodes passages (strings or `{ title, text }`), length-bucketed, vectors in the caller's order. */
  encodePassages(
    passages: readonly (string | Pick<Passage, 'text' | 'title'>)[],
    options?: EncodeCallOptions,
  ): Promise<DenseEncoding>;
  /** Encodes a stream of passages with bounded memory, yielding chunks with their ids. */
  encodePassageStream(
    passages:
      | AsyncIterable<Pick<Passage, 'id' | 'text' | 'title'>>
      | Iterable<Pick<Passage, 'id' | 'text' | 'title'>>,
    options?: DenseStreamOptions,
  ): AsyncGenerator<DenseChunk>;
  /** `queries.rows x passages.rows` scores with the encoder's metric. */
  score(queries: DenseBatch, passages: DenseBatch): Float32Array;
  /** Releases the session. */
  release(): Promise<void>;
}

/**
 * Creates a dense encoder over a loaded session and its tokenizer.
 *
 * @example
 * ```ts
 * const encoder = createDenseEncoder({ session, tokenizer }); // CLS, no normalisation, dot (TAS-B)
 * const { embeddings } = await encoder.encodeQueries(['what is a tas-b model?']);
 * ```
 */
export function createDenseEncoder(options: DenseEncoderOptions): DenseEncoder {
  const { session, tokenizer } = options;
  const { tokenTypes } = checkModelInputs(session);
  checkVocabulary(tokenizer.vocabSize, options.modelVocabSize);
  const pooling = options.pooling ?? 'cls';
  const normalize = options.normalize ?? false;
  const metric = options.metric ?? 'dot';
  const defaultBatch = checkBatchSize(options.batchSize ?? 32);
  const hasPooled = session.outputNames.includes('sentence_embedding');
  const graphPooled = hasPooled && (options.poolingSource ?? 'auto') === 'auto';
  const hiddenStates = options.hiddenStatesOutput ?? 'last_hidden_state';
  const output = graphPooled ? 'sentence_embedding' : hiddenStates;
  if (!session.outputNames.includes(output)) {
    throw new RetrievekitError(
      'UNSUPPORTED',
      `a dense encoder needs "${hiddenStates}" or "sentence_embedding"; the model's outputs are [${session.outputNames.join(', ')}]`,
      {
        where: { field: 'outputNames' },
        hint: 'name the hidden-states output with hiddenStatesOutput (e.g. "output_0")',
      },
    );
  }

  const run = async (
    batch: EncodedBatch,
    side: 'query' | 'passage',
    call: EncodeCallOptions,
    offset = 0,
  ): Promise<DenseEncoding> => {
    checkIdsInVocabulary(batch, options.modelVocabSize);
    let data = new Float32Array(0);
    let dim = 0;
    await runBucketed(
      session,
      batch,
      {
        batchSize: call.batchSize ?? defaultBatch,
        tokenTypes,
        outputs: [output],
        signal: call.signal,
        onProgress: call.onProgress,
      },
      (outputs, rows, mask, seqLength) => {
        const tensor = outputs[output];
        if (tensor === undefined)
          throw new RetrievekitError('RUNTIME', `the runtime returned no "${output}"`);
        const width = tensor.dims[tensor.dims.length - 1] as number;
        const pooled = graphPooled
          ? tensor.data
          : poolHiddenStates(tensor.data, mask, rows.length, seqLength, width, pooling);
        if (dim === 0) {
          dim = width;
          data = new Float32Array(batch.rows * dim);
        }
        for (let k = 0; k < rows.length; k++)
          data.set(pooled.subarray(k * dim, (k + 1) * dim), (rows[k] as number) * dim);
      },
    );
    if (normalize && dim > 0) normalizeRows(data, dim);
    const report = { truncated: batch.truncated, droppedTokens: batch.droppedTokens };
    reportTruncation(report, side, options.onTruncate, offset);
    return {
      embeddings: batch.rows === 0 ? { data, rows: 0, dim } : createDenseBatch(data, batch.rows, dim),
      ...report,
    };
  };

  return {
    pooling,
    graphPooled,
    normalize,
    metric,
    encodeQueries: (queries, call = {}) =>
      run(tokenizer.encodeQueries(queries, { maxLength: call.maxLength }), 'query', call),
    encodePassages: (passages, call = {}) =>
      run(tokenizer.encodePassages(passages, { maxLength: call.maxLength }), 'passage', call),
    async *encodePassageStream(passages, call = {}) {
      const batchSize = checkBatchSize(call.batchSize ?? defaultBatch);
      const windowSize = checkBatchSize(call.windowSize ?? batchSize * 8);
      let done = 0;
      for await (const window of streamWindows(passages, windowSize, call.signal)) {
        const batch = tokenizer.encodePassages(window, { maxLength: call.maxLength });
        const encoded = await run(batch, 'passage', { batchSize, signal: call.signal }, done);
        done += window.length;
        call.onProgress?.({ done, unit: 'passages' });
        yield { ...encoded, ids: window.map((p) => p.id) };
      }
    },
    score: (queries, passages) => scoreDense(queries, passages, metric),
    release: () => session.release(),
  };
}
