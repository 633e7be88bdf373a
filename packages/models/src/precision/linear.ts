/**
 * Emits weight matrices and linear layers at a chosen storage precision:
 * `fp32` (MatMul), `fp16` (half initializers + Cast to float, computed in fp32) or `int8`
 * (per-output-channel symmetric 7-bit weights in int8, activations quantised per tensor at run time with
 * DynamicQuantizeLinear, MatMulInteger, then rescaled to float).
 *
 * Weights are taken in PyTorch `nn.Linear` layout `[out, in]` and stored that way (no copy for fp32); a
 * Transpose node feeds MatMul, which onnxruntime constant-folds when the session loads.
 */
import type { GraphBuilder } from '../graph/graph-builder.js';
import { float32ToFloat16Bits } from './float16.js';
import { quantizePerRow, transposeMatrix } from './quantize.js';

/** 7-bit weights for MatMulInteger (u8 x s8 pair sums must fit int16 on x86 AVX2 kernels). */
const MATMUL_INTEGER_MAX_LEVEL = 63;

/** Storage precision of the weights of linear layers (and, for `fp16`, of the embedding tables). */
export type WeightPrecision = 'fp32' | 'fp16' | 'int8';

/** Adds a float table (e.g. embeddings) as-is (`fp32`) or as half + Cast (`fp16`); returns a float32 tensor. */
export function emitFloatTable(
  b: GraphBuilder,
  name: string,
  data: Float32Array,
  dims: readonly number[],
  precision: 'fp32' | 'fp16',
): string {
  if (precision === 'fp32') return b.initializer({ name, elementType: 'float', dims, data });
  const half = b.initializer({
    name: `${name}.fp16`,
    elementType: 'float16',
    dims,
    data: float32ToFloat16Bits(data),
  });
  return b.cast(half, 'float');
}

/**
 * Adds an `[out, in]` weight and returns a float32 tensor holding its transpose `[in, out]`.
 * `int8` stores it quantised per row and dequantises in the graph (DequantizeLinear, axis 0).
 */
export function emitTransposedWeight(
  b: GraphBuilder,
  name: string,
  weight: Float32Array,
  outDim: number,
  inDim: number,
  precision: WeightPrecision,
): string {
  let stored: string;
  if (precision === 'int8') {
    const q = quantizePerRow(weight, outDim, inDim);
    const values = b.initializer({
      name: `${name}.int8`,
      elementType: 'int8',
      dims: [outDim, inDim],
      data: q.values,
    });
    const scales = b.initializer({
      name: `${name}.scale`,
      elementType: 'float',
      dims: [outDim],
      data: q.scales,
    });
    const zeros = b.initializer({
      name: `${name}.zero`,
      elementType: 'int8',
      dims: [outDim],
      data: new Int8Array(outDim),
    });
    stored = b.op('DequantizeLinear', [values, scales, zeros], { axis: { type: 'int', value: 0 } });
  } else {
    stored = emitFloatTable(b, name, weight, [outDim, inDim], precision);
  }
  return b.transpose(stored, [1, 0]);
}

/**
 * `x @ W^T + bias` with `weight` in `[outDim, inDim]` layout. Returns the output tensor name.
 * `bias` may be omitted (for fused bias ops).
 */
export function emitLinear(
  b: GraphBuilder,
  x: string,
  name: string,
  weight: Float32Array,
  inDim: number,
  outDim: number,
  bias: Float32Array | undefined,
  precision: WeightPrecision,
): string {
  let y: string;
  if (precision === 'int8') {
    const q = quantizePerRow(weight, outDim, inDim, MATMUL_INTEGER_MAX_LEVEL);
    const values = transposeMatrix(q.values, outDim, inDim);
    const w = b.initializer({
      name: `${name}.weight.int8`,
      elementType: 'int8',
      dims: [inDim, outDim],
      data: values,
    });
    const scales = b.initializer({
      name: `${name}.weight.scale`,
      elementType: 'float',
      dims: [outDim],
      data: q.scales,
    });
    const xq = b.fresh('xq');
    const xScale = b.fresh('x_scale');
    const xZero = b.fresh('x_zero');
    b.opMulti('DynamicQuantizeLinear', [x], [xq, xScale, xZero]);
    const acc = b.op('MatMulInteger', [xq, w, xZero]);
    y = b.mul(b.cast(acc, 'float'), b.mul(xScale, scales));
  } else {
    y = b.matmul(x, emitTransposedWeight(b, `${name}.weight`, weight, outDim, inDim, precision));
  }
  if (bias === undefined) return y;
  return b.add(y, b.initializer({ name: `${name}.bias`, elementType: 'float', dims: [outDim], data: bias }));
}
