/**
 * Lucene's lossy one-byte document-length encoding (`SmallFloat.intToByte4` / `byte4ToInt`, Lucene 8+):
 * lengths below 24 are exact, larger ones keep 4 significant bits. BM25 in Lucene (and so Anserini)
 * scores with the decoded length, so matching its scores needs the same quantisation.
 */

function longToInt4(value: number): number {
  const numBits = 32 - Math.clz32(value);
  if (numBits < 4) return value; // subnormal
  const shift = numBits - 4;
  // keep the 4 most significant bits, drop the implicit leading one, store shift + 1 above them
  return ((value >>> shift) & 0x07) | ((shift + 1) << 3);
}

function int4ToLong(value: number): number {
  const bits = value & 0x07;
  const shift = (value >>> 3) - 1;
  return shift === -1 ? bits : (bits | 0x08) * 2 ** shift;
}

const MAX_INT4 = longToInt4(0x7fffffff);
const NUM_FREE_VALUES = 255 - MAX_INT4;

/** Encodes a non-negative 32-bit length as one byte (0-255), like Lucene's `SmallFloat.intToByte4`. */
export function intToByte4(length: number): number {
  if (!Number.isInteger(length) || length < 0 || length > 0x7fffffff) {
    throw new RangeError(`length must be an integer in [0, 2^31), got ${length}`);
  }
  if (length < NUM_FREE_VALUES) return length;
  return NUM_FREE_VALUES + longToInt4(length - NUM_FREE_VALUES);
}

/** Decodes a byte written by {@link intToByte4} back to the (approximate) length. */
export function byte4ToInt(encoded: number): number {
  const i = encoded & 0xff;
  if (i < NUM_FREE_VALUES) return i;
  return Math.min(NUM_FREE_VALUES + int4ToLong(i - NUM_FREE_VALUES), 0x7fffffff);
}

/** `LENGTH_TABLE` of Lucene's BM25Similarity: the decoded length of every norm byte. */
export const LENGTH_TABLE: Float32Array = Float32Array.from({ length: 256 }, (_, i) => byte4ToInt(i));
