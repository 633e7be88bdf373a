import type { DenseBatch } from '@retrievekit/core';
import { SeededRandom } from './random.js';

/** Options of {@link clusteredVectors}. */
export interface ClusteredVectorsOptions {
  /** Number of vectors. */
  readonly rows: number;
  /** Dimension. */
  readonly dim: number;
  /** Number of cluster centres (default 100). */
  readonly clusters?: number;
  /** Standard deviation of each coordinate around its centre, relative to the centres' (default 0.5). */
  readonly spread?: number;
  /** Seed of the generator (default 1). The centres depend on `centerSeed` only. */
  readonly seed?: number;
  /** Seed of the cluster centres (default 42), shared between a corpus and its queries. */
  readonly centerSeed?: number;
}

/**
 * Seeded clustered Gaussian vectors, like embeddings of a topical corpus: `clusters` centres with
 * N(0, 1/dim) coordinates (norm about 1), each vector a random centre plus N(0, spread²/dim) noise.
 * Generate a corpus and its queries with different `seed`s and the same `centerSeed`.
 *
 * @example
 * ```ts
 * const corpus = clusteredVectors({ rows: 10_000, dim: 768, seed: 1 });
 * const queries = clusteredVectors({ rows: 100, dim: 768, seed: 2 });
 * ```
 */
export function clusteredVectors(options: ClusteredVectorsOptions): DenseBatch {
  const { rows, dim, clusters = 100, spread = 0.5, seed = 1, centerSeed = 42 } = options;
  const centerRandom = new SeededRandom(centerSeed);
  const scale = 1 / Math.sqrt(dim);
  const centers = new Float64Array(clusters * dim);
  for (let i = 0; i < centers.length; i++) centers[i] = centerRandom.normal() * scale;
  const random = new SeededRandom(seed);
  const data = new Float32Array(rows * dim);
  for (let row = 0; row < rows; row++) {
    const center = random.int(clusters) * dim;
    for (let d = 0; d < dim; d++) {
      data[row * dim + d] = (centers[center + d] as number) + random.normal() * spread * scale;
    }
  }
  return { data, rows, dim };
}
