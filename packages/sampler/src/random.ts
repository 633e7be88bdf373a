import { RetrievekitError } from '@retrievekit/core';

/** A seeded pseudo-random generator (sfc32). Same seed, same sequence, on every platform. */
export interface SeededRandom {
  /** A float uniform in [0, 1) with 32 bits of randomness. */
  float(): number;
  /** An integer uniform in [0, n), n between 1 and 2^32 (unbiased: rejection sampling). */
  int(n: number): number;
}

/**
 * Creates the generator for `seed` (any integer; it is mixed with splitmix32 so nearby seeds give
 * unrelated streams).
 */
export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isInteger(seed)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `seed must be an integer, got ${seed}`, {
      where: { field: 'seed' },
    });
  }
  let mix = seed >>> 0;
  const splitmix = (): number => {
    mix = (mix + 0x9e3779b9) >>> 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = Math.floor(seed / 0x100000000) >>> 0;
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    float: () => next() / 0x100000000,
    int: (n: number): number => {
      if (!Number.isInteger(n) || n < 1 || n > 0x100000000) {
        throw new RetrievekitError('INVALID_ARGUMENT', `random range must be 1..2^32, got ${n}`);
      }
      const limit = 0x100000000 - (0x100000000 % n);
      let x = next();
      while (x >= limit) x = next();
      return x % n;
    },
  };
}
