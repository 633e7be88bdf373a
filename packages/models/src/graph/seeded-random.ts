/** Normal samples (Marsaglia's polar method) from a seeded uniform generator (`seededRandom` of core), for reproducible weights. */

/** Fills `out` with normal(mean, std) samples drawn from `uniform` (Marsaglia's polar method). */
export function fillNormal(
  out: Float32Array,
  uniform: () => number,
  mean: number,
  std: number,
): Float32Array {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    let x = 0;
    let y = 0;
    let s = 0;
    do {
      x = 2 * uniform() - 1;
      y = 2 * uniform() - 1;
      s = x * x + y * y;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s) * std;
    out[i] = mean + x * f;
    if (i + 1 < n) out[i + 1] = mean + y * f;
  }
  return out;
}
