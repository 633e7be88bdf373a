import { RetrievekitError } from '@retrievekit/core';

/** Options of a single-query search. */
export interface SearchOptions {
  /** Number of results (best first). Default 1000. */
  k?: number;
  /**
   * Score every matching document instead of using MaxScore pruning. Same results, slower; meant as
   * a reference. Default false.
   */
  exhaustive?: boolean;
}

/** Default number of results. */
export const DEFAULT_K = 1000;

/** Validates `k` and returns it (clamped to the number of documents). */
export function resolveK(k: number | undefined, numDocs: number): number {
  const value = k ?? DEFAULT_K;
  if (!Number.isInteger(value) || value < 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `k must be a non-negative integer, got ${value}`, {
      where: { field: 'k' },
    });
  }
  return Math.min(value, numDocs);
}
