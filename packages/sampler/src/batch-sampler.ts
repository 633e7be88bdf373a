import { throwIfAborted } from '@retrievekit/core';
import type { TrainingBatch } from './training-batch.js';

/** Which sampling strategy a {@link BatchSampler} follows. */
export type SamplerKind = 'tas-balanced' | 'topic' | 'random';

/** Options of {@link BatchSampler.batches}. */
export interface BatchStreamOptions {
  /** Stop after this many batches. Default: never (the stream is infinite). */
  limit?: number;
  /** Ends the stream with `ABORTED`. */
  signal?: AbortSignal;
}

/**
 * An infinite, seeded stream of training batches. `next()` draws synchronously; iterating with
 * `for await` (or `batches()`) yields the same sequence. Two samplers made with the same data and
 * seed produce identical batches.
 */
export interface BatchSampler extends AsyncIterable<TrainingBatch> {
  readonly kind: SamplerKind;
  readonly batchSize: number;
  /** Draws the next batch. */
  next(): TrainingBatch;
  /** The stream as an async generator. */
  batches(options?: BatchStreamOptions): AsyncGenerator<TrainingBatch>;
}

/** Wraps a synchronous batch function as a {@link BatchSampler}. */
export function createBatchSampler(
  kind: SamplerKind,
  batchSize: number,
  next: () => TrainingBatch,
): BatchSampler {
  async function* batches(options: BatchStreamOptions = {}): AsyncGenerator<TrainingBatch> {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < limit; i++) {
      throwIfAborted(options.signal, 'batch sampling');
      yield next();
    }
  }
  return { kind, batchSize, next, batches, [Symbol.asyncIterator]: () => batches() };
}
