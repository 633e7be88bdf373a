import type { TeacherPairs } from './teacher-pairs.js';

/** One training batch: parallel arrays, entry i is (query, positive, negative) with teacher scores. */
export interface TrainingBatch {
  /** 0-based number of the batch in its stream. */
  readonly index: number;
  readonly queryIds: readonly string[];
  readonly positiveIds: readonly string[];
  readonly negativeIds: readonly string[];
  /** Teacher score of (query, positive). */
  readonly teacherPositive: Float32Array;
  /** Teacher score of (query, negative). */
  readonly teacherNegative: Float32Array;
  /** Cluster of each query (its line in the cluster file, 0-based); -1 for the random sampler. */
  readonly clusterIds: Int32Array;
  /** Index of each pair in the {@link TeacherPairs} store. */
  readonly pairIndices: Int32Array;
}

/** Materialises a batch from pair indices and cluster ids. */
export function buildBatch(
  pairs: TeacherPairs,
  index: number,
  pairIndices: Int32Array,
  clusterIds: Int32Array,
): TrainingBatch {
  const n = pairIndices.length;
  const queryIds: string[] = new Array(n);
  const positiveIds: string[] = new Array(n);
  const negativeIds: string[] = new Array(n);
  const teacherPositive = new Float32Array(n);
  const teacherNegative = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = pairIndices[i] as number;
    queryIds[i] = pairs.queryId(pairs.queryOfPair[p] as number);
    positiveIds[i] = pairs.passageId(pairs.positiveCodes[p] as number);
    negativeIds[i] = pairs.passageId(pairs.negativeCodes[p] as number);
    teacherPositive[i] = pairs.positiveScores[p] as number;
    teacherNegative[i] = pairs.negativeScores[p] as number;
  }
  return {
    index,
    queryIds,
    positiveIds,
    negativeIds,
    teacherPositive,
    teacherNegative,
    clusterIds,
    pairIndices,
  };
}
