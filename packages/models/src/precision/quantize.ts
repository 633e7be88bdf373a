/** Symmetric int8 quantisation of weight matrices, one scale per row (per output channel of `[out, in]`). */

/** An int8 matrix with one float scale per row: `w[r][c] ≈ values[r*cols+c] * scales[r]`. */
export interface QuantizedMatrix {
  /** Quantised values in [-maxLevel, maxLevel], row-major, same layout as the input. */
  values: Int8Array;
  /** Per-row scales (`max |w| / maxLevel`, or 1 for an all-zero row). */
  scales: Float32Array;
}

/**
 * Quantises a row-major `[rows, cols]` matrix per row (symmetric, zero point 0) to `[-maxLevel, maxLevel]`.
 * Use `maxLevel` 63 (7 bits, onnxruntime's `reduce_range`) for MatMulInteger with uint8 activations: x86
 * AVX2/AVX-512 kernels add pairs of u8 x s8 products in int16 (VPMADDUBSW), which saturates with 8-bit weights.
 */
export function quantizePerRow(
  matrix: Float32Array,
  rows: number,
  cols: number,
  maxLevel = 127,
): QuantizedMatrix {
  const scales = new Float32Array(rows);
  const values = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = matrix.subarray(r * cols, (r + 1) * cols);
    let maxAbs = 0;
    for (let c = 0; c < cols; c++) maxAbs = Math.max(maxAbs, Math.abs(row[c] ?? 0));
    const scale = maxAbs > 0 ? maxAbs / maxLevel : 1;
    scales[r] = scale;
    for (let c = 0; c < cols; c++) {
      const q = Math.round((row[c] ?? 0) / scale);
      values[r * cols + c] = Math.min(maxLevel, Math.max(-maxLevel, q));
    }
  }
  return { values, scales };
}

/** Transposes a row-major `[rows, cols]` matrix into a new `[cols, rows]` one of the same type. */
export function transposeMatrix<T extends Float32Array | Int8Array>(
  matrix: T,
  rows: number,
  cols: number,
): T {
  const out = new (matrix.constructor as new (length: number) => T)(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = matrix[base + c] ?? 0;
  }
  return out;
}
