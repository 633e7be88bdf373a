/**
 * How many content tokens of each side of a pair survive truncation to `budget` content tokens (the max
 * length minus the template's special tokens), as HF's fast tokenizers decide it with
 * `TruncationStrategy::LongestFirst` (checked against the Rust `tokenizers` 0.23 binding on every case up
 * to 30 + 30 tokens and max length 24, and on all of SciFact):
 *
 * 1. each side is first cut to `sideCap` tokens (the Rust tokenizer truncates each sequence to the full
 *    max length before the pair is truncated);
 * 2. when both fit in `budget`, nothing more is cut;
 * 3. when the shorter side leaves room, the longer side gets the rest (`budget - shorter`);
 * 4. otherwise both get half: `floor(budget / 2)` for the shorter (or, on a tie, the first) side and
 *    `floor(budget / 2) + budget % 2` for the other.
 *
 * Python's slow tokenizers remove one token at a time from the longer side instead, which can differ by
 * one token on ties and odd budgets; this follows the fast (Rust) tokenizers every model hub default uses.
 *
 * @param first content tokens of the first text (query)
 * @param second content tokens of the second text (passage)
 * @param budget content tokens allowed in total
 * @param sideCap tokens each side is cut to first: the full max length (default: no cap)
 * @returns the kept lengths `[keepFirst, keepSecond]`
 */
export function longestFirstLengths(
  first: number,
  second: number,
  budget: number,
  sideCap = Number.POSITIVE_INFINITY,
): [number, number] {
  const a = Math.min(first, sideCap);
  const b = Math.min(second, sideCap);
  if (a + b <= budget) return [a, b];
  const swap = a > b;
  let short = swap ? b : a;
  let long = short > budget ? short : Math.max(short, budget - short);
  if (short + long > budget) {
    short = Math.floor(budget / 2);
    long = short + (budget % 2);
  }
  return [Math.min(a, swap ? long : short), Math.min(b, swap ? short : long)];
}
