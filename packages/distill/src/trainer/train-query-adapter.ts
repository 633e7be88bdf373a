import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { createAdam } from './adam.js';
import type { InBatchTeacherScores } from './adapter-loss.js';
import { adapterLoss } from './adapter-loss.js';
import type { LinearAdapter } from './linear-adapter.js';
import { identityAdapter } from './linear-adapter.js';
import type { VectorTable } from './vector-table.js';
import { gatherVectors } from './vector-table.js';

/**
 * A training batch as the `@retrievekit/sampler` samplers produce it (`TrainingBatch` fits): parallel
 * arrays, entry i is (query, positive, negative) with the teacher's scores of both pairs.
 */
export interface AdapterTrainingBatch {
  readonly queryIds: readonly string[];
  readonly positiveIds: readonly string[];
  readonly negativeIds: readonly string[];
  readonly teacherPositive: ArrayLike<number>;
  readonly teacherNegative: ArrayLike<number>;
}

/** Anything that draws batches synchronously, e.g. `createTasBalancedSampler(pairs, clusters, { seed })`. */
export interface AdapterBatchSource<Batch extends AdapterTrainingBatch = AdapterTrainingBatch> {
  next(): Batch;
}

/** Options of {@link trainQueryAdapter}. */
export interface TrainQueryAdapterOptions<Batch extends AdapterTrainingBatch = AdapterTrainingBatch>
  extends LongTaskOptions {
  /** The batch stream (TAS-Balanced in the examples); its seed makes training reproducible. */
  readonly batches: AdapterBatchSource<Batch>;
  /** Frozen query vectors of the base encoder, by query id. */
  readonly queries: VectorTable;
  /** Frozen passage vectors of the base encoder, by passage id (same dim). */
  readonly passages: VectorTable;
  /** Optimiser steps (one batch each). */
  readonly steps: number;
  /** Adam step size. Default 1e-3. */
  readonly learningRate?: number;
  /** Decoupled weight decay toward the identity (AdamW). Default 0. */
  readonly weightDecay?: number;
  /** Scores every query of a batch against every positive / negative: enables the TAS-B in-batch term. */
  readonly inBatchTeacher?: (batch: Batch) => InBatchTeacherScores;
  /** Weight of the in-batch term. Default 0.75. */
  readonly inBatchWeight?: number;
  /** Starting adapter (not modified). Default: the identity. */
  readonly initial?: LinearAdapter;
}

/** Result of {@link trainQueryAdapter}. */
export interface TrainQueryAdapterResult {
  /** The trained adapter. */
  readonly adapter: LinearAdapter;
  /** Loss of each step's batch, measured before that step's update. */
  readonly losses: Float64Array;
}

/**
 * Fine-tunes a query-side linear adapter W (`q' = W q`, passages frozen) with Adam (beta1 0.9,
 * beta2 0.999, eps 1e-8) on batches from a sampler, supervised by the teacher's pairwise scores through
 * Margin-MSE (plus the TAS-B in-batch term when `inBatchTeacher` is given). Float64 throughout;
 * reports progress in steps and honours `signal` between steps (rejects with `ABORTED`).
 *
 * @example
 * ```ts
 * const sampler = createTasBalancedSampler(pairs, clusters, { batchSize: 32, seed: 7 });
 * const { adapter, losses } = await trainQueryAdapter({
 *   batches: sampler, steps: 500, learningRate: 1e-3,
 *   queries: createVectorTable(queryIds, queryVectors),
 *   passages: createVectorTable(passageIds, passageVectors),
 * });
 * const adapted = applyAdapter(adapter, testQueryVectors);
 * ```
 */
export async function trainQueryAdapter<Batch extends AdapterTrainingBatch>(
  options: TrainQueryAdapterOptions<Batch>,
): Promise<TrainQueryAdapterResult> {
  const { steps, queries, passages, signal } = options;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `steps must be a non-negative integer, got ${steps}`, {
      where: { field: 'steps' },
    });
  }
  if (queries.dim !== passages.dim) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `query vectors have ${queries.dim} dims, passages ${passages.dim}`,
      { where: { field: 'passages' }, hint: 'queries and passages must come from the same encoder' },
    );
  }
  const dim = queries.dim;
  const start = options.initial ?? identityAdapter(dim);
  if (start.dim !== dim) {
    throw new RetrievekitError('DIMENSION_MISMATCH', `initial adapter is ${start.dim}-d, vectors ${dim}-d`, {
      where: { field: 'initial' },
    });
  }
  const weights = Float64Array.from(start.weights);
  const adapter: LinearAdapter = { dim, weights };
  const adam = createAdam(weights.length, {
    learningRate: options.learningRate ?? 1e-3,
    weightDecay: options.weightDecay ?? 0,
    decayTarget: identityAdapter(dim).weights,
  });
  const losses = new Float64Array(steps);
  const every = Math.max(1, Math.floor(steps / 100));
  for (let step = 0; step < steps; step++) {
    throwIfAborted(signal, 'adapter training');
    const batch = options.batches.next();
    const result = adapterLoss(adapter, {
      queries: gatherVectors(queries, batch.queryIds, 'queryIds'),
      positives: gatherVectors(passages, batch.positiveIds, 'positiveIds'),
      negatives: gatherVectors(passages, batch.negativeIds, 'negativeIds'),
      teacherPositive: batch.teacherPositive,
      teacherNegative: batch.teacherNegative,
      ...(options.inBatchTeacher === undefined ? {} : { inBatchTeacher: options.inBatchTeacher(batch) }),
      ...(options.inBatchWeight === undefined ? {} : { inBatchWeight: options.inBatchWeight }),
    });
    losses[step] = result.value;
    adam.update(weights, result.gradient);
    if ((step + 1) % every === 0 || step + 1 === steps) {
      options.onProgress?.({ done: step + 1, total: steps, unit: 'steps' });
      // yield to the event loop so an abort from a timer or another task can land
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }
  return { adapter, losses };
}
