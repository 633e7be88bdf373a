/** Test-only: fixed token-id batches (no tokenizer). Bundle-safe: the browser test page imports it too. */

/** One padded batch: row-major ids and mask, `[rows, length]`. */
export interface TokenBatch {
  ids: number[];
  mask: number[];
  dims: [number, number];
}

/** Outputs compared between runtimes. */
export const OUTPUTS = ['sentence_embedding', 'last_hidden_state'] as const;

function pad(rows: number[][]): TokenBatch {
  const length = Math.max(...rows.map((row) => row.length));
  const ids: number[] = [];
  const mask: number[] = [];
  for (const row of rows)
    for (let t = 0; t < length; t++) {
      ids.push(row[t] ?? 0);
      mask.push(t < row.length ? 1 : 0);
    }
  return { ids, mask, dims: [rows.length, length] };
}

/** Fixed batches: bert-base-uncased ids of short sentences (CLS ... SEP), padded with 0. */
export const BATCHES: readonly TokenBatch[] = [
  pad([
    [101, 7592, 2088, 102],
    [101, 1996, 4248, 2829, 4419, 14523, 2058, 1996, 13971, 3899, 102],
    [101, 29623, 102],
  ]),
  pad([[101, 2054, 2003, 1037, 11265, 11314, 10697, 1029, 102]]),
];

/** A batch as the structural `Int64Input` feeds of `@retrievekit/encoder`. */
export function toFeeds(batch: TokenBatch): Record<string, { data: BigInt64Array; dims: number[] }> {
  return {
    input_ids: { data: BigInt64Array.from(batch.ids, BigInt), dims: [...batch.dims] },
    attention_mask: { data: BigInt64Array.from(batch.mask, BigInt), dims: [...batch.dims] },
  };
}

/** Largest absolute difference of two equally long vectors (infinity when the lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}
