import { RetrievekitError } from '@retrievekit/core';

/**
 * Batches of similar token length, and the permutation back to the caller's order. Encoding each batch
 * separately with `padding: 'longest'` then pads far less than encoding texts in their given order.
 */
export interface LengthBuckets {
  /** Original indices of the texts in each batch, longest texts first. */
  readonly batches: readonly Int32Array[];
  /** `order[k]` is the original index of the k-th text in batch order (batches concatenated). */
  readonly order: Int32Array;
  /** `inverse[i]` is the position of original text `i` in batch order: `order[inverse[i]] === i`. */
  readonly inverse: Int32Array;
  /** Token length of each text (special tokens included, capped at `maxLength`), in original order. */
  readonly lengths: Int32Array;
}

/**
 * Sorts indices by descending length (stable: equal lengths keep their order) and cuts them into batches
 * of `batchSize`.
 */
export function bucketIndices(lengths: Int32Array, batchSize: number): LengthBuckets {
  const n = lengths.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (lengths[b] as number) - (lengths[a] as number) || a - b);
  const inverse = new Int32Array(n);
  for (let k = 0; k < n; k++) inverse[order[k] as number] = k;
  const batches: Int32Array[] = [];
  for (let start = 0; start < n; start += batchSize) batches.push(order.subarray(start, start + batchSize));
  return { batches, order, inverse, lengths };
}

/**
 * Puts per-item results computed in batch order back in the caller's order.
 *
 * @example
 * ```ts
 * const buckets = tokenizer.bucketByLength(texts, 32);
 * const vectors = buckets.batches.flatMap((indices) => encodeRows(indices)); // batch order
 * const inCallerOrder = restoreOrder(vectors, buckets); // vectors[i] belongs to texts[i]
 * ```
 */
export function restoreOrder<T>(
  itemsInBatchOrder: readonly T[],
  buckets: Pick<LengthBuckets, 'inverse'>,
): T[] {
  const { inverse } = buckets;
  if (itemsInBatchOrder.length !== inverse.length) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `expected ${inverse.length} items in batch order, got ${itemsInBatchOrder.length}`,
      { where: { field: 'itemsInBatchOrder' } },
    );
  }
  return Array.from(inverse, (k) => itemsInBatchOrder[k] as T);
}
