export type {
  OnnxAttributeValue,
  OnnxElementType,
  OnnxModel,
  OnnxNode,
  OnnxOpsetImport,
  OnnxTensor,
  OnnxValueInfo,
} from './onnx-types.js';
export { OnnxDataType } from './onnx-types.js';
export { readModel } from './read-model.js';
export { serializeModel, serializeModelChunks, writeModelFile } from './write-model.js';
