/** Multiple-comparison correction of p-values. */
export type Correction = 'none' | 'bonferroni' | 'holm';

/** Bonferroni-adjusted p-values: min(1, m * p). */
export function bonferroni(pValues: readonly number[]): number[] {
  const m = pValues.length;
  return pValues.map((p) => Math.min(1, m * p));
}

/**
 * Holm step-down adjusted p-values (same order as the input): with p sorted ascending,
 * adj(i) = max over j <= i of min(1, (m - j + 1) * p(j)).
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out = new Array<number>(m).fill(0);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}

/** Applies a {@link Correction}. */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  if (correction === 'bonferroni') return bonferroni(pValues);
  if (correction === 'holm') return holm(pValues);
  return [...pValues];
}
