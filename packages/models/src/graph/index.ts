export type { BuildTransformerOptions, ModelHead } from './build-transformer.js';
export { buildTransformerModel } from './build-transformer.js';
export { AI_ONNX_OPSET, attr, GraphBuilder, MS_OPSET } from './graph-builder.js';
export type { PoolingMode } from './heads.js';
export type { RandomWeightsOptions } from './random-weights.js';
export { randomWeights } from './random-weights.js';
export type { TransformerConfig } from './transformer-config.js';
export {
  tasbDistilBertConfig,
  tinyBertConfig,
  tinyDistilBertConfig,
  validateConfig,
} from './transformer-config.js';
export type { WeightDtype, WeightMap, WeightTensor } from './weights.js';
