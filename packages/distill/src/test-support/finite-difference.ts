/** Test helpers: a seeded generator and a central finite-difference gradient check (not exported). */

export { seededRandom } from '@retrievekit/core';

/** `count` floats uniform in [-spread, spread), as a Float64Array. */
export function randomArray(random: () => number, count: number, spread = 1): Float64Array {
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = (2 * random() - 1) * spread;
  return out;
}

/**
 * The largest relative error between `analytic` and the central difference of `loss` with respect to
 * each entry of `input` (perturbed in place and restored), relative to max(|a|, |n|, floor), where the
 * floor is `floorRatio` times the largest analytic entry (tiny entries are compared absolutely).
 */
export function maxRelativeError(
  loss: () => number,
  input: Float64Array,
  analytic: Float64Array,
  step = 1e-5,
  floorRatio = 1e-3,
): number {
  let largest = 0;
  for (let k = 0; k < analytic.length; k++) largest = Math.max(largest, Math.abs(analytic[k] as number));
  const floor = Math.max(floorRatio * largest, 1e-12);
  let worst = 0;
  for (let k = 0; k < input.length; k++) {
    const original = input[k] as number;
    input[k] = original + step;
    const up = loss();
    input[k] = original - step;
    const down = loss();
    input[k] = original;
    const numeric = (up - down) / (2 * step);
    const exact = analytic[k] as number;
    const error = Math.abs(numeric - exact) / Math.max(Math.abs(numeric), Math.abs(exact), floor);
    if (error > worst) worst = error;
  }
  return worst;
}
