import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './random.js';
import { chiSquareUniform } from './test-support/temp-dir.js';

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = createSeededRandom(123);
    const b = createSeededRandom(123);
    const c = createSeededRandom(124);
    const draw = (r: ReturnType<typeof createSeededRandom>) => Array.from({ length: 8 }, () => r.int(1000));
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
  });

  it('draws integers uniformly in range (chi-square, fixed seed)', () => {
    const random = createSeededRandom(5);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[random.int(7)]++;
    // 6 degrees of freedom: p = 0.001 critical value 22.46
    expect(chiSquareUniform(counts)).toBeLessThan(22.46);
    const f = random.float();
    expect(f >= 0 && f < 1).toBe(true);
    expect(() => random.int(0)).toThrow(/random range must be 1..2\^32, got 0/);
    expect(() => createSeededRandom(1.5)).toThrow(/seed must be an integer/);
  });
});
