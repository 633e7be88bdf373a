/** A small deterministic PRNG (mulberry32) with normal samples (Marsaglia polar method), for reproducible weights. */

/** Returns a function producing uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
