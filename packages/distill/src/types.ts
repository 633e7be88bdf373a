/**
 * A row-major matrix of scores: entry (i, j) is `data[i * cols + j]`. Any numeric array-like works
 * (Float32Array, Float64Array, number[]); losses read it into float64.
 */
export interface ScoreMatrix {
  readonly data: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
}

/**
 * A batch of vectors, row-major in one typed array. A core `DenseBatch` (Float32Array) fits this
 * shape; a Float64Array is accepted too, for exact gradient checks or float64 training.
 */
export interface VectorBatch {
  readonly data: Float32Array | Float64Array;
  readonly rows: number;
  readonly dim: number;
}

/** A loss value with its gradient with respect to one score array (same layout as the input). */
export interface ScoreLoss {
  /** The loss value. */
  readonly value: number;
  /** d value / d score, row-major like the scores. */
  readonly gradient: Float64Array;
}
