/**
 * The weight map that graph builders consume and checkpoint readers produce.
 *
 * Keys are Hugging Face parameter names exactly as they appear in the checkpoint
 * (`distilbert.embeddings.word_embeddings.weight`, `bert.encoder.layer.0.attention.self.query.bias`, ...).
 */

/** Element type of a {@link WeightTensor}. */
export type WeightDtype = 'float32' | 'float16' | 'bfloat16' | 'int8' | 'uint8' | 'int32' | 'int64';

/**
 * One named parameter tensor, row-major (C order), little-endian.
 *
 * `data` holds the elements: a `Float32Array` for `float32`; a `Uint16Array` of raw IEEE half (or bfloat16)
 * bit patterns for `float16` / `bfloat16`; `Int8Array`, `Uint8Array`, `Int32Array`, `BigInt64Array`
 * for the integer types. `data.length` equals the product of `shape` (1 for a scalar, `shape = []`).
 */
export interface WeightTensor {
  /** Element type. */
  dtype: WeightDtype;
  /** Dimensions, outermost first, e.g. `[768, 768]` for a PyTorch `nn.Linear` weight (out, in). */
  shape: readonly number[];
  /** The elements, row-major. */
  data: Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;
}

/** Parameters keyed by their Hugging Face names. */
export type WeightMap = Map<string, WeightTensor>;
