/** In-memory description of an ONNX model, as produced by the graph builders and consumed by the writer. */

/** ONNX `TensorProto.DataType` codes of the element types retrievekit uses. */
export const OnnxDataType = {
  float: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
  float16: 10,
  double: 11,
  bfloat16: 16,
} as const;

/** An element type name (`'float'`, `'int64'`, ...). */
export type OnnxElementType = keyof typeof OnnxDataType;

/** A constant tensor stored in the model (an initializer). `data` is row-major, little-endian. */
export interface OnnxTensor {
  /** Initializer name, referenced by node inputs. */
  name: string;
  /** Element type. */
  elementType: OnnxElementType;
  /** Dimensions (empty for a scalar). */
  dims: readonly number[];
  /** The elements; float16 / bfloat16 as raw `Uint16Array` bit patterns. Written as `raw_data`. */
  data: Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array | Float64Array;
}

/** A graph input or output: a name, an element type and a shape whose dims are sizes or symbols. */
export interface OnnxValueInfo {
  /** Tensor name. */
  name: string;
  /** Element type. */
  elementType: OnnxElementType;
  /** Each dim is a fixed size or a symbolic name such as `'batch'` or `'sequence'`. */
  shape: readonly (number | string)[];
}

/** A node attribute value: float, int, string, list of floats or list of ints (tagged). */
export type OnnxAttributeValue =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'floats'; value: readonly number[] }
  | { type: 'ints'; value: readonly number[] };

/** One operator invocation. */
export interface OnnxNode {
  /** Operator name, e.g. `'MatMul'`. */
  opType: string;
  /** Operator domain: `''` for ai.onnx, `'com.microsoft'` for onnxruntime contrib ops. */
  domain: string;
  /** Input tensor names; `''` marks an omitted optional input. */
  inputs: readonly string[];
  /** Output tensor names. */
  outputs: readonly string[];
  /** Unique node name. */
  name: string;
  /** Attributes by name. */
  attributes: Readonly<Record<string, OnnxAttributeValue>>;
}

/** An operator set the model uses. */
export interface OnnxOpsetImport {
  /** `''` (ai.onnx) or e.g. `'com.microsoft'`. */
  domain: string;
  /** Opset version. */
  version: number;
}

/** A whole model: graph plus metadata. */
export interface OnnxModel {
  /** ONNX IR version (8 for opset 17). */
  irVersion: number;
  /** Operator sets used. */
  opsetImports: readonly OnnxOpsetImport[];
  /** Producer name written to the file. */
  producerName: string;
  /** Graph name. */
  graphName: string;
  /** Nodes in topological order. */
  nodes: readonly OnnxNode[];
  /** Graph inputs. */
  inputs: readonly OnnxValueInfo[];
  /** Graph outputs. */
  outputs: readonly OnnxValueInfo[];
  /** Initializers (weights and constants). */
  initializers: readonly OnnxTensor[];
  /** Free-form `metadata_props` (e.g. the model config as JSON). */
  metadata: Readonly<Record<string, string>>;
}
