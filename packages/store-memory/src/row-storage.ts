import { floatToHalfBits, halfDecodeTable } from './f16.js';

/**
 * How vectors are held in memory (and on disk):
 * - `'f32'`: 4 bytes per dimension, exact.
 * - `'f16'`: 2 bytes per dimension, values rounded to half precision (relative error <= 2^-11);
 *   search is exact over the rounded vectors. Values beyond ±65504 are rejected.
 * - `'int8'`: 1 byte per dimension + a 4-byte scale per vector (symmetric per-vector quantisation,
 *   `x ≈ scale * code`, `scale = max|x| / 127`); search is approximate.
 */
export type StorageType = 'f32' | 'f16' | 'int8';

/** Rows of a fixed dimension in one growable typed array, encoded as `type`. */
export class RowStorage {
  readonly type: StorageType;
  readonly dim: number;
  /** Number of rows in use. */
  count = 0;
  /** Encoded values: Float32Array, Uint16Array (half bits) or Int8Array, capacity x dim. */
  codes: Float32Array | Uint16Array | Int8Array;
  /** Per-row scales of int8 storage (empty otherwise). */
  scales: Float32Array;

  constructor(type: StorageType, dim: number, capacity = 0) {
    this.type = type;
    this.dim = dim;
    this.codes = allocate(type, capacity * dim);
    this.scales = new Float32Array(type === 'int8' ? capacity : 0);
  }

  /** Bytes per stored vector (codes + scale). */
  get bytesPerVector(): number {
    return this.dim * this.codes.BYTES_PER_ELEMENT + (this.type === 'int8' ? 4 : 0);
  }

  /** Makes room for `rows` rows in total, growing geometrically. */
  reserve(rows: number): void {
    const capacity = this.codes.length / this.dim;
    if (rows <= capacity) return;
    const next = Math.max(rows, Math.ceil(capacity * 1.5), 64);
    const codes = allocate(this.type, next * this.dim);
    codes.set(this.codes.subarray(0, this.count * this.dim) as never);
    this.codes = codes;
    if (this.type === 'int8') {
      const scales = new Float32Array(next);
      scales.set(this.scales.subarray(0, this.count));
      this.scales = scales;
    }
  }

  /** Encodes `source[sourceRow]` (a row of `dim` floats) into row `row` (< capacity). */
  write(row: number, source: Float32Array, sourceRow: number): void {
    const { dim, codes } = this;
    const from = sourceRow * dim;
    const to = row * dim;
    if (codes instanceof Float32Array) {
      codes.set(source.subarray(from, from + dim), to);
    } else if (codes instanceof Uint16Array) {
      for (let d = 0; d < dim; d++) codes[to + d] = floatToHalfBits(source[from + d] as number);
    } else {
      let maxAbs = 0;
      for (let d = 0; d < dim; d++) maxAbs = Math.max(maxAbs, Math.abs(source[from + d] as number));
      const scale = maxAbs / 127;
      const inverse = scale > 0 ? 1 / scale : 0;
      for (let d = 0; d < dim; d++) codes[to + d] = Math.round((source[from + d] as number) * inverse);
      this.scales[row] = scale;
    }
  }

  /** Copies row `from` over row `to` (used to fill the hole of a deleted row). */
  move(from: number, to: number): void {
    const { dim } = this;
    this.codes.copyWithin(to * dim, from * dim, (from + 1) * dim);
    if (this.type === 'int8') this.scales[to] = this.scales[from] as number;
  }

  /**
   * Decodes rows `start..end-1` into `out` as float32, row `r` at `out[(r - start) * stride]`
   * (`stride >= dim`; the padding is left untouched).
   */
  decode(start: number, end: number, out: Float32Array, stride: number): void {
    const { dim, codes } = this;
    if (codes instanceof Float32Array) {
      if (stride === dim) out.set(codes.subarray(start * dim, end * dim));
      else
        for (let r = start; r < end; r++)
          out.set(codes.subarray(r * dim, (r + 1) * dim), (r - start) * stride);
    } else if (codes instanceof Uint16Array) {
      const table = halfDecodeTable();
      for (let r = start; r < end; r++) {
        const from = r * dim;
        const to = (r - start) * stride;
        for (let d = 0; d < dim; d++) out[to + d] = table[codes[from + d] as number] as number;
      }
    } else {
      for (let r = start; r < end; r++) {
        const from = r * dim;
        const to = (r - start) * stride;
        const scale = this.scales[r] as number;
        for (let d = 0; d < dim; d++) out[to + d] = (codes[from + d] as number) * scale;
      }
    }
  }

  /** The decoded float32 values of row `row` (a new array). */
  row(row: number): Float32Array {
    const out = new Float32Array(this.dim);
    this.decode(row, row + 1, out, this.dim);
    return out;
  }
}

function allocate(type: StorageType, length: number): Float32Array | Uint16Array | Int8Array {
  if (type === 'f32') return new Float32Array(length);
  if (type === 'f16') return new Uint16Array(length);
  return new Int8Array(length);
}
