import { describe, expect, test } from 'vitest';
import { longestFirstLengths } from './longest-first.js';

describe('longestFirstLengths (HF TruncationStrategy::LongestFirst)', () => {
  test('cases worked by hand from the Rust rule', () => {
    expect(longestFirstLengths(3, 4, 10)).toEqual([3, 4]); // fits
    expect(longestFirstLengths(2, 10, 7)).toEqual([2, 5]); // only the longer side is cut
    expect(longestFirstLengths(10, 2, 7)).toEqual([5, 2]);
    expect(longestFirstLengths(13, 8, 7)).toEqual([4, 3]); // both cut: the longer side gets the odd token
    expect(longestFirstLengths(8, 13, 7)).toEqual([3, 4]);
    expect(longestFirstLengths(3, 3, 5)).toEqual([2, 3]); // tie: the second side gets the odd token
    expect(longestFirstLengths(4, 100, 8)).toEqual([4, 4]);
    expect(longestFirstLengths(5, 100, 8)).toEqual([4, 4]);
  });

  test('each side is capped at the full max length first (Rust 0.23 behaviour)', () => {
    // maxLength 6 with [CLS] A [SEP] B [SEP]: budget 3. Uncapped, the longer first side would get 2.
    expect(longestFirstLengths(7, 6, 3)).toEqual([2, 1]);
    expect(longestFirstLengths(7, 6, 3, 6)).toEqual([1, 2]);
    expect(longestFirstLengths(5, 4, 3, 6)).toEqual([2, 1]); // shorter side under the cap: unchanged
  });

  test('never exceeds the budget or a side', () => {
    for (let a = 0; a < 25; a++) {
      for (let b = 0; b < 25; b++) {
        for (let budget = 0; budget < 30; budget++) {
          const [x, y] = longestFirstLengths(a, b, budget);
          expect(x + y).toBe(Math.min(a + b, budget));
          expect(x <= a && y <= b).toBe(true);
        }
      }
    }
  });
});
