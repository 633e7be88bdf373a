export {
  bfloat16BitsToFloat32,
  float16BitsToFloat32,
  float16BitToFloat32,
  float32ToFloat16Bit,
  float32ToFloat16Bits,
} from './float16.js';
export type { WeightPrecision } from './linear.js';
export { emitFloatTable, emitLinear, emitTransposedWeight } from './linear.js';
export type { QuantizedMatrix } from './quantize.js';
export { quantizePerRow, transposeMatrix } from './quantize.js';
