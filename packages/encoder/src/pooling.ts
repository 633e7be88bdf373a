import { RetrievekitError } from '@retrievekit/core';

/** How token vectors become one text vector: the `[CLS]` row, the masked mean, or the masked max. */
export type PoolingMode = 'cls' | 'mean' | 'max';

/**
 * Pools `last_hidden_state` (`rows x seqLength x dim`, row-major) over the real tokens of each row
 * (`mask` is the int64 attention mask) into `rows x dim`, accumulating in float64.
 */
export function poolHiddenStates(
  hidden: Float32Array,
  mask: BigInt64Array,
  rows: number,
  seqLength: number,
  dim: number,
  mode: PoolingMode,
): Float32Array {
  const out = new Float32Array(rows * dim);
  const acc = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const base = r * seqLength * dim;
    if (mode === 'cls') {
      out.set(hidden.subarray(base, base + dim), r * dim);
      continue;
    }
    acc.fill(mode === 'max' ? Number.NEGATIVE_INFINITY : 0);
    let count = 0;
    for (let t = 0; t < seqLength; t++) {
      if (mask[r * seqLength + t] === 0n) continue;
      count++;
      const at = base + t * dim;
      if (mode === 'mean')
        for (let d = 0; d < dim; d++) acc[d] = (acc[d] as number) + (hidden[at + d] as number);
      else for (let d = 0; d < dim; d++) acc[d] = Math.max(acc[d] as number, hidden[at + d] as number);
    }
    for (let d = 0; d < dim; d++)
      out[r * dim + d] = mode === 'mean' ? (acc[d] as number) / Math.max(count, 1) : (acc[d] as number);
  }
  return out;
}

/** Scales each row of `data` (`rows x dim`) to unit L2 norm in place (zero rows stay zero). */
export function normalizeRows(data: Float32Array, dim: number): void {
  for (let at = 0; at < data.length; at += dim) {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += (data[at + d] as number) ** 2;
    const norm = Math.sqrt(sum);
    if (norm > 0) for (let d = 0; d < dim; d++) data[at + d] = (data[at + d] as number) / norm;
  }
}

/**
 * Reads the pooling mode of a sentence-transformers `1_Pooling/config.json`
 * (`pooling_mode_cls_token` / `pooling_mode_mean_tokens` / `pooling_mode_max_tokens`, or `pooling_mode`).
 *
 * @throws `UNSUPPORTED` for other modes (mean_sqrt_len, weighted, last token) or several at once
 */
export function poolingFromConfig(
  config: Record<string, unknown>,
  file = '1_Pooling/config.json',
): PoolingMode {
  if (typeof config.pooling_mode === 'string') {
    const mode = config.pooling_mode;
    if (mode === 'cls' || mode === 'mean' || mode === 'max') return mode;
    throw new RetrievekitError('UNSUPPORTED', `pooling_mode "${mode}" is not supported (cls, mean, max)`, {
      where: { file, field: 'pooling_mode' },
    });
  }
  const flags: Record<string, PoolingMode | undefined> = {
    pooling_mode_cls_token: 'cls',
    pooling_mode_mean_tokens: 'mean',
    pooling_mode_max_tokens: 'max',
    pooling_mode_mean_sqrt_len_tokens: undefined,
    pooling_mode_weightedmean_tokens: undefined,
    pooling_mode_lasttoken: undefined,
  };
  const on = Object.keys(flags).filter((key) => config[key] === true);
  const only = on[0];
  if (on.length !== 1 || only === undefined || flags[only] === undefined) {
    throw new RetrievekitError(
      'UNSUPPORTED',
      on.length === 0 ? 'no pooling mode is switched on' : `unsupported pooling ${on.join(' + ')}`,
      {
        where: { file },
        hint: 'exactly one of pooling_mode_cls_token, pooling_mode_mean_tokens, pooling_mode_max_tokens',
      },
    );
  }
  return flags[only] as PoolingMode;
}
