import { writeFileAtomic } from '@retrievekit/core/node';
import type { TrainingBatch } from './training-batch.js';

async function* lines(
  batches: Iterable<TrainingBatch> | AsyncIterable<TrainingBatch>,
  format: (batch: TrainingBatch) => string,
): AsyncGenerator<string> {
  for await (const batch of batches) yield format(batch);
}

function jsonLine(batch: TrainingBatch): string {
  return `${JSON.stringify({
    batch: batch.index,
    query_ids: batch.queryIds,
    positive_ids: batch.positiveIds,
    negative_ids: batch.negativeIds,
    teacher_positive: Array.from(batch.teacherPositive),
    teacher_negative: Array.from(batch.teacherNegative),
    cluster_ids: Array.from(batch.clusterIds),
  })}\n`;
}

function tsvLines(batch: TrainingBatch): string {
  let out = '';
  for (let i = 0; i < batch.queryIds.length; i++) {
    out += `${batch.index}\t${batch.clusterIds[i]}\t${batch.queryIds[i]}\t${batch.positiveIds[i]}\t${batch.negativeIds[i]}\t${batch.teacherPositive[i]}\t${batch.teacherNegative[i]}\n`;
  }
  return out;
}

/**
 * Writes batches as JSON Lines, one batch per line with snake_case keys (`batch`, `query_ids`,
 * `positive_ids`, `negative_ids`, `teacher_positive`, `teacher_negative`, `cluster_ids`), atomically.
 * Pass a finite iterable, e.g. `sampler.batches({ limit: 1000 })`.
 */
export async function writeBatchesJsonl(
  path: string,
  batches: Iterable<TrainingBatch> | AsyncIterable<TrainingBatch>,
): Promise<void> {
  await writeFileAtomic(path, lines(batches, jsonLine));
}

/**
 * Writes batches as TSV, one pair per line:
 * `batch<TAB>cluster<TAB>qid<TAB>pos_pid<TAB>neg_pid<TAB>pos_score<TAB>neg_score`, atomically.
 */
export async function writeBatchesTsv(
  path: string,
  batches: Iterable<TrainingBatch> | AsyncIterable<TrainingBatch>,
): Promise<void> {
  await writeFileAtomic(path, lines(batches, tsvLines));
}
