import { RetrievekitError, seededRandom } from '@retrievekit/core';
import { studentTTwoSided } from './incomplete-beta.js';

/** Result of a paired significance test. */
export interface PairedTestResult {
  /** Mean of the differences (b - a). */
  meanDifference: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Number of pairs. */
  n: number;
  /** The t statistic (t-test only). */
  statistic?: number;
}

function differences(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `paired samples differ in length: ${a.length} vs ${b.length}`,
    );
  }
  if (a.length < 2) throw new RetrievekitError('INVALID_ARGUMENT', 'a paired test needs at least 2 pairs');
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = (b[i] as number) - (a[i] as number);
  return d;
}

/**
 * Two-sided paired Student t-test of `b` against `a` (same queries, same order).
 *
 * @example
 * ```ts
 * pairedTTest([0.1, 0.2, 0.3], [0.2, 0.25, 0.5]).pValue;
 * ```
 */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>): PairedTestResult {
  const d = differences(a, b);
  const n = d.length;
  let mean = 0;
  for (const x of d) mean += x;
  mean /= n;
  let ss = 0;
  for (const x of d) ss += (x - mean) * (x - mean);
  const sd = Math.sqrt(ss / (n - 1));
  if (sd === 0)
    return {
      meanDifference: mean,
      pValue: mean === 0 ? 1 : 0,
      n,
      statistic: mean === 0 ? 0 : Number.POSITIVE_INFINITY,
    };
  const t = mean / (sd / Math.sqrt(n));
  return { meanDifference: mean, pValue: studentTTwoSided(t, n - 1), n, statistic: t };
}

/** Options of {@link randomizationTest}. */
export interface RandomizationOptions {
  /** Number of random sign flips (default 10,000). */
  permutations?: number;
  /** Seed of the generator (default 42): the same seed gives the same p-value. */
  seed?: number;
}

/**
 * Two-sided paired Fisher randomization (permutation) test: the p-value is the share of random swaps of
 * the paired values whose |mean difference| reaches the observed one, `(count + 1) / (permutations + 1)`.
 */
export function randomizationTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: RandomizationOptions = {},
): PairedTestResult {
  const d = differences(a, b);
  const n = d.length;
  const permutations = options.permutations ?? 10_000;
  const rng = seededRandom(options.seed ?? 42);
  let sum = 0;
  for (const x of d) sum += x;
  const observed = Math.abs(sum) - 1e-12 * Math.max(1, Math.abs(sum));
  let count = 0;
  for (let p = 0; p < permutations; p++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rng() < 0.5 ? -(d[i] as number) : (d[i] as number);
    if (Math.abs(s) >= observed) count++;
  }
  return { meanDifference: sum / n, pValue: (count + 1) / (permutations + 1), n };
}
