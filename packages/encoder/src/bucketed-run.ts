import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import type { EncodedBatch } from '@retrievekit/tokenizer';
import { batchFeeds } from './model-inputs.js';
import type { FloatOutput, ModelSession } from './session.js';

/** Options of {@link runBucketed}. */
export interface BucketedRunOptions extends LongTaskOptions {
  /** Rows per runtime call. */
  batchSize: number;
  /** Feed `token_type_ids`. */
  tokenTypes: boolean;
  /** Outputs to fetch. */
  outputs: readonly string[];
  /** Sort rows by token length before cutting batches (default true). */
  bucketing?: boolean;
}

/** Checks a batch size option. */
export function checkBatchSize(batchSize: unknown): number {
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `batchSize must be a positive integer, got ${String(batchSize)}`,
      {
        where: { field: 'batchSize' },
      },
    );
  }
  return batchSize;
}

/** Row indices sorted by descending length (stable), so each runtime batch pads to similar lengths. */
export function lengthOrder(lengths: Int32Array, bucketing: boolean): Int32Array {
  const order = Int32Array.from({ length: lengths.length }, (_, i) => i);
  if (bucketing) order.sort((a, b) => (lengths[b] as number) - (lengths[a] as number) || a - b);
  return order;
}

/** Copies `rows` of a padded batch into a compact batch padded only to their own longest row. */
export function sliceRows(
  batch: EncodedBatch,
  rows: Int32Array,
): { ids: BigInt64Array; mask: BigInt64Array; types: BigInt64Array; seqLength: number } {
  let seqLength = 0;
  for (const r of rows) seqLength = Math.max(seqLength, batch.lengths[r] as number);
  const n = rows.length;
  const ids = new BigInt64Array(n * seqLength);
  const mask = new BigInt64Array(n * seqLength);
  const types = new BigInt64Array(n * seqLength);
  for (let k = 0; k < n; k++) {
    const r = rows[k] as number;
    const from = r * batch.seqLength;
    ids.set(batch.inputIds.subarray(from, from + seqLength), k * seqLength);
    mask.set(batch.attentionMask.subarray(from, from + seqLength), k * seqLength);
    types.set(batch.tokenTypeIds.subarray(from, from + seqLength), k * seqLength);
  }
  return { ids, mask, types, seqLength };
}

/**
 * Runs a tokenised batch through the session in runtime batches of `batchSize` rows of similar length
 * (length bucketing) and hands each result to `consume` with the original row indices, so the caller
 * writes results back in the caller's order.
 */
export async function runBucketed(
  session: ModelSession,
  batch: EncodedBatch,
  options: BucketedRunOptions,
  consume: (
    outputs: Record<string, FloatOutput>,
    rows: Int32Array,
    mask: BigInt64Array,
    seqLength: number,
  ) => void,
): Promise<void> {
  const batchSize = checkBatchSize(options.batchSize);
  const concurrency = Math.max(1, session.concurrency ?? 1);
  const order = lengthOrder(batch.lengths, options.bucketing ?? true);
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    throwIfAborted(options.signal, 'encoding');
    const rows = order.subarray(start, start + batchSize);
    const slice = sliceRows(batch, rows);
    const feeds = batchFeeds(
      slice.ids,
      slice.mask,
      slice.types,
      rows.length,
      slice.seqLength,
      options.tokenTypes,
    );
    const task = session.run(feeds, options.outputs).then((outputs) => {
      consume(outputs, rows, slice.mask, slice.seqLength);
      done += rows.length;
      options.onProgress?.({ done, total: order.length, unit: 'texts' });
    });
    // Failures surface through race / all below; this only keeps a settled task from being "unhandled".
    task.catch(() => {});
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task)).catch(() => {});
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}
