/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same stream on every
 * platform. Returns a function producing floats uniform in [0, 1). For reproducible sampling,
 * initialisation and tests; not for cryptography.
 *
 * @example
 * ```ts
 * const next = seededRandom(42);
 * next(); // always the same first value for seed 42
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
