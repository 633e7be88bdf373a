/** Mean loss of `buckets` consecutive equal slices of the per-step losses (the last may be shorter). */
export function bucketMeans(losses: Float64Array, buckets: number): { firstStep: number; mean: number }[] {
  const size = Math.max(1, Math.ceil(losses.length / buckets));
  const out: { firstStep: number; mean: number }[] = [];
  for (let start = 0; start < losses.length; start += size) {
    const slice = losses.subarray(start, start + size);
    out.push({ firstStep: start + 1, mean: slice.reduce((a, b) => a + b, 0) / slice.length });
  }
  return out;
}

/** A compact text plot: one line per bucket, `steps  mean  ####` with bars scaled to the largest mean. */
export function renderLossCurve(losses: Float64Array, buckets = 12, width = 40): string {
  const means = bucketMeans(losses, buckets);
  const largest = Math.max(...means.map((m) => m.mean), Number.MIN_VALUE);
  return means
    .map(({ firstStep, mean }) => {
      const bar = '#'.repeat(Math.max(1, Math.round((mean / largest) * width)));
      return `  step ${String(firstStep).padStart(5)}  ${mean.toFixed(4).padStart(10)}  ${bar}`;
    })
    .join('\n');
}

/** `step,loss` CSV (1-based steps). */
export function lossCurveCsv(losses: Float64Array): string {
  let out = 'step,loss\n';
  losses.forEach((loss, i) => {
    out += `${i + 1},${loss}\n`;
  });
  return out;
}
