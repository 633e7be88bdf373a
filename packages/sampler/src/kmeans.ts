import type { DenseBatch, LongTaskOptions } from '@retrievekit/core';
import { assertFiniteBatch, createDenseBatch, RetrievekitError, throwIfAborted } from '@retrievekit/core';
import type { AssignmentKernel } from './assignment-kernel.js';
import { createDefaultAssignmentKernel } from './default-kernel.js';
import { kMeansPlusPlusInit, randomInit } from './kmeans-init.js';
import type { SeededRandom } from './random.js';
import { createSeededRandom } from './random.js';
import { integerOption } from './sampler-options.js';

/** Options of {@link kMeans}. */
export interface KMeansOptions extends LongTaskOptions {
  /** Number of clusters. Default 2000 (the TAS-B paper). */
  k?: number;
  /** Maximum update + assignment rounds after the initial assignment. Default 20. */
  iterations?: number;
  /** Seed of initialisation and empty-cluster repair. Default 42. */
  seed?: number;
  /** `'random'` (k distinct rows; default, cheap at scale) or `'kmeans++'` (O(n k d) JavaScript seeding). */
  init?: 'random' | 'kmeans++';
  /**
   * Computes the assignment step. Default: `createDefaultAssignmentKernel()` (onnxruntime-node when
   * installed, else JavaScript), disposed at the end; a kernel you pass stays yours to dispose.
   */
  kernel?: AssignmentKernel;
  /** Scale each centroid to unit length after the update (spherical k-means). Default false: plain means. */
  normalizeCentroids?: boolean;
}

/** Result of {@link kMeans}. */
export interface KMeansResult {
  /** k centroids; they produced `assignment`. */
  readonly centroids: DenseBatch;
  /** Cluster of each vector: the centroid of largest inner product. */
  readonly assignment: Int32Array;
  /** Sum over vectors of the inner product with their centroid (larger is better). */
  readonly objective: number;
  /** Update rounds run. */
  readonly iterations: number;
  /** True when a round changed no assignment. */
  readonly converged: boolean;
  /** Seconds of each assignment pass (the initial one first). */
  readonly assignmentSeconds: readonly number[];
  /** Times an empty cluster was re-seeded. */
  readonly emptyClustersRepaired: number;
}

function updateCentroids(
  vectors: DenseBatch,
  assignment: Int32Array,
  k: number,
  centroids: Float32Array,
  normalize: boolean,
): Int32Array {
  const { rows, dim, data } = vectors;
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  for (let i = 0; i < rows; i++) {
    const c = assignment[i] as number;
    counts[c] = (counts[c] as number) + 1;
    const so = c * dim;
    const vo = i * dim;
    for (let d = 0; d < dim; d++) sums[so + d] = (sums[so + d] as number) + (data[vo + d] as number);
  }
  for (let c = 0; c < k; c++) {
    const n = counts[c] as number;
    if (n === 0) continue;
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += ((sums[c * dim + d] as number) / n) ** 2;
    const scale = normalize && norm > 0 ? 1 / (n * Math.sqrt(norm)) : 1 / n;
    for (let d = 0; d < dim; d++) centroids[c * dim + d] = (sums[c * dim + d] as number) * scale;
  }
  return counts;
}

/**
 * Re-seeds every empty cluster with a random member of the currently largest cluster (moving that
 * member over). Returns how many clusters were repaired.
 */
function repairEmptyClusters(
  vectors: DenseBatch,
  assignment: Int32Array,
  counts: Int32Array,
  centroids: Float32Array,
  random: SeededRandom,
): number {
  const { rows, dim, data } = vectors;
  let repaired = 0;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] !== 0) continue;
    let largest = 0;
    for (let j = 1; j < counts.length; j++)
      if ((counts[j] as number) > (counts[largest] as number)) largest = j;
    let pick = random.int(counts[largest] as number);
    for (let i = 0; i < rows; i++) {
      if (assignment[i] === largest && pick-- === 0) {
        centroids.set(data.subarray(i * dim, (i + 1) * dim), c * dim);
        assignment[i] = c;
        break;
      }
    }
    counts[largest] = (counts[largest] as number) - 1;
    counts[c] = 1;
    repaired++;
  }
  return repaired;
}

/**
 * Seeded k-means with inner-product assignment (each vector goes to the centroid of largest dot
 * product), as used to cluster training queries for TAS-B. An empty cluster is re-seeded with a random
 * member of the largest cluster. Same vectors, options and seed give the same result.
 *
 * @example
 * ```ts
 * const kernel = await createOnnxAssignmentKernel();
 * const result = await kMeans(queryVectors, { k: 2000, kernel, onProgress: console.log });
 * const clusters = clustersFromAssignment(queryIds, result.assignment, 2000);
 * await writeClusters('clusters.txt', clusters);
 * ```
 */
export async function kMeans(vectors: DenseBatch, options: KMeansOptions = {}): Promise<KMeansResult> {
  const k = integerOption(options.k ?? 2000, 'k', 1);
  const iterations = integerOption(options.iterations ?? 20, 'iterations', 0);
  if (vectors.rows < k) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `k = ${k} clusters need at least ${k} vectors, got ${vectors.rows}`,
      {
        where: { field: 'k' },
      },
    );
  }
  assertFiniteBatch(vectors, 'k-means input');
  const random = createSeededRandom(options.seed ?? 42);
  const kernel = options.kernel ?? (await createDefaultAssignmentKernel());
  const centroids =
    options.init === 'kmeans++' ? kMeansPlusPlusInit(vectors, k, random) : randomInit(vectors, k, random);
  const centroidBatch = createDenseBatch(centroids, k, vectors.dim);
  let assignment = new Int32Array(vectors.rows);
  let next = new Int32Array(vectors.rows);
  const scores = new Float32Array(vectors.rows);
  const assignmentSeconds: number[] = [];
  const assign = async (target: Int32Array): Promise<void> => {
    const started = performance.now();
    await kernel.assign(vectors, centroidBatch, target, scores, { signal: options.signal });
    assignmentSeconds.push((performance.now() - started) / 1000);
  };
  try {
    return await iterate();
  } finally {
    if (options.kernel === undefined) await kernel.dispose();
  }

  async function iterate(): Promise<KMeansResult> {
    await assign(assignment);
    let rounds = 0;
    let converged = false;
    let repaired = 0;
    while (rounds < iterations && !converged) {
      throwIfAborted(options.signal, 'k-means');
      const counts = updateCentroids(vectors, assignment, k, centroids, options.normalizeCentroids ?? false);
      repaired += repairEmptyClusters(vectors, assignment, counts, centroids, random);
      await assign(next);
      rounds++;
      converged = next.every((value, i) => value === assignment[i]);
      [assignment, next] = [next, assignment];
      options.onProgress?.({ done: rounds, total: iterations, unit: 'iterations' });
    }
    let objective = 0;
    for (const score of scores) objective += score;
    return {
      centroids: centroidBatch,
      assignment,
      objective,
      iterations: rounds,
      converged,
      assignmentSeconds,
      emptyClustersRepaired: repaired,
    };
  }
}

/** Groups `queryIds` by cluster: entry c lists the ids whose `assignment` is c (in input order). */
export function clustersFromAssignment(
  queryIds: readonly string[],
  assignment: Int32Array,
  k: number,
): string[][] {
  if (queryIds.length !== assignment.length) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${queryIds.length} query ids but ${assignment.length} assignments`,
      {
        where: { field: 'queryIds' },
      },
    );
  }
  const clusters: string[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < assignment.length; i++) clusters[assignment[i] as number]?.push(queryIds[i] as string);
  return clusters;
}
