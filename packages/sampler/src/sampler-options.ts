import { RetrievekitError } from '@retrievekit/core';

/** Options shared by every sampler. */
export interface SamplerOptions {
  /** Pairs per batch. Default 256. */
  batchSize?: number;
  /** Seed of the generator; same seed, same batches. Default 42. */
  seed?: number;
}

/** Options of the cluster-based samplers (TAS-Balanced and topic-only). */
export interface ClusteredSamplerOptions extends SamplerOptions {
  /**
   * Clusters per batch. The per-cluster query target is floor(batchSize / clustersPerBatch).
   * Default 1.
   */
  clustersPerBatch?: number;
}

/** Checks that `value` is an integer in [min, max] and returns it. */
export function integerOption(
  value: number,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${field} must be an integer in ${min}..${max === Number.MAX_SAFE_INTEGER ? 'inf' : max}, got ${value}`,
      { where: { field } },
    );
  }
  return value;
}
