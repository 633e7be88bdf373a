/**
 * A batch of tokenised texts as row-major int64 matrices of `rows x seqLength`, ready to be fed to an
 * ONNX transformer (`input_ids`, `attention_mask`, `token_type_ids` are int64 inputs). Row `i` holds
 * `lengths[i]` real tokens (special tokens included) followed by padding (pad id, mask 0, type id 0).
 */
export interface EncodedBatch {
  /** Token ids, `rows * seqLength`, row-major. */
  readonly inputIds: BigInt64Array;
  /** 1 for real tokens, 0 for padding. */
  readonly attentionMask: BigInt64Array;
  /** Segment ids from the tokenizer's template: 0 for the first text, 1 for the second of a pair (BERT). */
  readonly tokenTypeIds: BigInt64Array;
  /** Number of texts (or pairs). */
  readonly rows: number;
  /** Columns: the longest row (`padding: 'longest'`) or `maxLength` (`padding: 'max_length'`). */
  readonly seqLength: number;
  /** Real tokens per row, special tokens included. */
  readonly lengths: Int32Array;
  /** 1 where content tokens were dropped to fit `maxLength`, else 0. */
  readonly truncated: Uint8Array;
  /**
   * Content tokens dropped per row. -1 means "some, not counted": the text was long enough that only a
   * prefix was tokenised; pass `countDropped: true` to get the exact count (at the cost of tokenising
   * whole texts).
   */
  readonly droppedTokens: Int32Array;
}

/** One row before assembly: its token ids and segment ids, special tokens included. */
export interface AssembledRow {
  readonly ids: readonly number[];
  readonly typeIds: readonly number[];
  readonly dropped: number;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes small non-negative integers into a BigInt64Array through an Int32 view (no BigInt per value). */
function writeInt64(target: BigInt64Array, words: Int32Array | undefined, at: number, value: number): void {
  if (words !== undefined) words[2 * at] = value;
  else target[at] = BigInt(value);
}

/** Packs rows into an {@link EncodedBatch} padded on the right with `padId` to `seqLength` columns. */
export function assembleBatch(rows: readonly AssembledRow[], seqLength: number, padId: number): EncodedBatch {
  const n = rows.length;
  const size = n * seqLength;
  const inputIds = new BigInt64Array(size);
  const attentionMask = new BigInt64Array(size);
  const tokenTypeIds = new BigInt64Array(size);
  const idWords = LITTLE_ENDIAN ? new Int32Array(inputIds.buffer) : undefined;
  const maskWords = LITTLE_ENDIAN ? new Int32Array(attentionMask.buffer) : undefined;
  const typeWords = LITTLE_ENDIAN ? new Int32Array(tokenTypeIds.buffer) : undefined;
  const lengths = new Int32Array(n);
  const truncated = new Uint8Array(n);
  const droppedTokens = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const row = rows[r] as AssembledRow;
    const base = r * seqLength;
    const length = row.ids.length;
    for (let j = 0; j < length; j++) {
      writeInt64(inputIds, idWords, base + j, row.ids[j] as number);
      writeInt64(attentionMask, maskWords, base + j, 1);
      const typeId = row.typeIds[j] as number;
      if (typeId !== 0) writeInt64(tokenTypeIds, typeWords, base + j, typeId);
    }
    if (padId !== 0) for (let j = length; j < seqLength; j++) writeInt64(inputIds, idWords, base + j, padId);
    lengths[r] = length;
    truncated[r] = row.dropped !== 0 ? 1 : 0;
    droppedTokens[r] = row.dropped;
  }
  return { inputIds, attentionMask, tokenTypeIds, rows: n, seqLength, lengths, truncated, droppedTokens };
}
