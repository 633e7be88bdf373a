/**
 * Stable log-softmax of `values[offset .. offset+length)` times `scale`, written to `out` at the same
 * offsets: `scale*x - max - log(sum exp(scale*x - max))`. Finite for any finite input, such as 1e4.
 */
export function logSoftmaxInto(
  values: ArrayLike<number>,
  offset: number,
  length: number,
  scale: number,
  out: Float64Array,
): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < length; k++) {
    const z = scale * (values[offset + k] as number);
    if (z > max) max = z;
  }
  let sum = 0;
  for (let k = 0; k < length; k++) sum += Math.exp(scale * (values[offset + k] as number) - max);
  const logSum = Math.log(sum);
  for (let k = 0; k < length; k++) out[offset + k] = scale * (values[offset + k] as number) - max - logSum;
}
