/**
 * `@retrievekit/distill`: knowledge-distillation losses for dense and sparse retrievers, each with its
 * exact gradient with respect to the student scores and, for dot-product students, the vectors.
 * All arithmetic is float64; softmaxes are the stable log-sum-exp form.
 *
 * @packageDocumentation
 */
export type { DotGradients } from './dot-scores.js';
export { groupedDotBackward, groupedDotScores, matrixDotBackward, matrixDotScores } from './dot-scores.js';
export type { InBatchCrossEntropyInput } from './in-batch-cross-entropy.js';
export { inBatchCrossEntropy } from './in-batch-cross-entropy.js';
export type {
  InBatchCrossEntropyVectorsInput,
  InBatchCrossEntropyVectorsResult,
} from './in-batch-cross-entropy-vectors.js';
export { inBatchCrossEntropyVectors } from './in-batch-cross-entropy-vectors.js';
export type { InBatchDualInput, InBatchDualResult } from './in-batch-dual.js';
export { inBatchDualSupervision } from './in-batch-dual.js';
export type { KlDistillationDotInput, KlDistillationInput } from './kl-distillation.js';
export { klDistillation, klDistillationDot } from './kl-distillation.js';
export type { DotLossResult, MarginMseDotInput, MarginMseInput, MarginMseResult } from './margin-mse.js';
export { marginMse, marginMseDot } from './margin-mse.js';
export type { MultiMarginMseDotInput, MultiMarginMseInput, MultiMarginTeacher } from './margin-mse-multi.js';
export { marginMseMulti, marginMseMultiDot } from './margin-mse-multi.js';
export type { RegularizerResult } from './regularizers.js';
export { flopsRegularizer, l1Regularizer } from './regularizers.js';
export type { SpladeRegularizerOptions } from './schedules.js';
export { quadraticWarmup, spladeRegularizerWeights } from './schedules.js';
export type {
  TasBalancedDotInput,
  TasBalancedInput,
  TasBalancedResult,
  TasBalancedTeacher,
  TasBalancedWeights,
} from './tas-balanced-loss.js';
export { tasBalancedLoss, tasBalancedLossDot } from './tas-balanced-loss.js';
export type { AdamOptimizer, AdamOptions } from './trainer/adam.js';
export { createAdam } from './trainer/adam.js';
export type { AdapterLossInput, AdapterLossResult, InBatchTeacherScores } from './trainer/adapter-loss.js';
export { adapterLoss } from './trainer/adapter-loss.js';
export type {
  BuildTeacherPairsOptions,
  TeacherPairRow,
  TeacherPairsBuild,
  UnscoredPositive,
} from './trainer/build-teacher-pairs.js';
export { buildTeacherPairs } from './trainer/build-teacher-pairs.js';
export type { LinearAdapter } from './trainer/linear-adapter.js';
export { adaptQueries, applyAdapter, identityAdapter } from './trainer/linear-adapter.js';
export type {
  TermAnalyzer,
  TfidfProjectionEncoder,
  TfidfProjectionOptions,
} from './trainer/tfidf-projection-encoder.js';
export { createTfidfProjectionEncoder } from './trainer/tfidf-projection-encoder.js';
export type {
  AdapterBatchSource,
  AdapterTrainingBatch,
  TrainQueryAdapterOptions,
  TrainQueryAdapterResult,
} from './trainer/train-query-adapter.js';
export { trainQueryAdapter } from './trainer/train-query-adapter.js';
export type { VectorTable } from './trainer/vector-table.js';
export { createVectorTable, gatherVectors } from './trainer/vector-table.js';
export { writeTeacherPairsTsv } from './trainer/write-teacher-pairs.js';
export type { ScoreLoss, ScoreMatrix, VectorBatch } from './types.js';
