/**
 * `@retrievekit/sampler`: TAS-Balanced training batches (Hofstaetter et al., SIGIR 2021). Streams the
 * teacher-score file into typed arrays, clusters training queries with seeded k-means (inner product;
 * onnxruntime-node MatMul or a blocked JavaScript kernel), and draws reproducible batches: TAS-Balanced,
 * topic-only and random.
 *
 * @packageDocumentation
 */
export type { AssignmentKernel } from './assignment-kernel.js';
export { createJsAssignmentKernel } from './assignment-kernel.js';
export { createRandomSampler, createTopicSampler } from './baseline-samplers.js';
export type { BatchSampler, BatchStreamOptions, SamplerKind } from './batch-sampler.js';
export { writeBatchesJsonl, writeBatchesTsv } from './batch-writers.js';
export type { QueryClusters } from './clusters-file.js';
export { readClusters, writeClusters } from './clusters-file.js';
export { createDefaultAssignmentKernel } from './default-kernel.js';
export { IdCodes } from './id-codes.js';
export type { KMeansOptions, KMeansResult } from './kmeans.js';
export { clustersFromAssignment, kMeans } from './kmeans.js';
export type { MarginBins } from './margin-bins.js';
export { computeMarginBins } from './margin-bins.js';
export type { OnnxAssignmentKernelOptions } from './onnx-assignment-kernel.js';
export { createOnnxAssignmentKernel } from './onnx-assignment-kernel.js';
export type { PreparedClusters } from './prepared-clusters.js';
export { prepareClusters } from './prepared-clusters.js';
export type { SeededRandom } from './random.js';
export { createSeededRandom } from './random.js';
export type { TsvRecord } from './read-queries.js';
export { readIdTextTsv, readQueriesTsv } from './read-queries.js';
export type { ReadTeacherPairsOptions } from './read-teacher-pairs.js';
export { readTeacherPairs } from './read-teacher-pairs.js';
export type { ClusteredSamplerOptions, SamplerOptions } from './sampler-options.js';
export type { SamplerStatistics } from './sampler-statistics.js';
export { samplerStatistics } from './sampler-statistics.js';
export type { TasBalancedSampler, TasBalancedSamplerOptions } from './tas-balanced-sampler.js';
export { createTasBalancedSampler } from './tas-balanced-sampler.js';
export type { TeacherPairRecord, TeacherPairs } from './teacher-pairs.js';
export { TeacherPairsBuilder, teacherPairsFromRecords } from './teacher-pairs.js';
export type { TrainingBatch } from './training-batch.js';
