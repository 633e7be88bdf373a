/**
 * Reads an ONNX file back for inspection: opsets, inputs and outputs with symbolic dims, nodes and
 * initializers (with their data copied into aligned typed arrays).
 */
import { RetrievekitError } from '@retrievekit/core';
import { onnxTypes } from './onnx-schema.js';
import type {
  OnnxAttributeValue,
  OnnxElementType,
  OnnxModel,
  OnnxNode,
  OnnxTensor,
  OnnxValueInfo,
} from './onnx-types.js';
import { OnnxDataType } from './onnx-types.js';

type Int64 = number | { toNumber(): number };

interface DecodedTensor {
  dims?: Int64[];
  dataType?: number;
  name?: string;
  rawData?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: Int64[];
}
interface DecodedValueInfo {
  name?: string;
  type?: {
    tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: Int64; dimParam?: string }[] } };
  };
}
interface DecodedAttribute {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  floats?: number[];
  ints?: Int64[];
}
interface DecodedNode {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  attribute?: DecodedAttribute[];
}
interface DecodedModel {
  irVersion?: Int64;
  producerName?: string;
  opsetImport?: { domain?: string; version?: Int64 }[];
  metadataProps?: { key?: string; value?: string }[];
  graph?: {
    name?: string;
    node?: DecodedNode[];
    initializer?: DecodedTensor[];
    input?: DecodedValueInfo[];
    output?: DecodedValueInfo[];
  };
}

const toNumber = (v: Int64 | undefined): number =>
  v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber();

function elementTypeName(code: number | undefined, where: string): OnnxElementType {
  const entry = Object.entries(OnnxDataType).find(([, c]) => c === code);
  if (!entry) {
    throw new RetrievekitError(
      'UNSUPPORTED',
      `${where} has ONNX data type ${String(code)}, which is not supported`,
      {
        hint: `supported types: ${Object.keys(OnnxDataType).join(', ')}`,
      },
    );
  }
  return entry[0] as OnnxElementType;
}

function copyTypedArray(type: OnnxElementType, bytes: Uint8Array): OnnxTensor['data'] {
  const buffer = bytes.slice().buffer;
  switch (type) {
    case 'float':
      return new Float32Array(buffer);
    case 'double':
      return new Float64Array(buffer);
    case 'float16':
    case 'bfloat16':
      return new Uint16Array(buffer);
    case 'int8':
      return new Int8Array(buffer);
    case 'uint8':
    case 'bool':
      return new Uint8Array(buffer);
    case 'int32':
      return new Int32Array(buffer);
    case 'int64':
      return new BigInt64Array(buffer);
  }
}

function readTensor(t: DecodedTensor): OnnxTensor {
  const name = t.name ?? '';
  const elementType = elementTypeName(t.dataType, `initializer "${name}"`);
  let data: OnnxTensor['data'];
  if (t.rawData && t.rawData.byteLength > 0) data = copyTypedArray(elementType, t.rawData);
  else if (t.floatData?.length) data = Float32Array.from(t.floatData);
  else if (t.int32Data?.length) data = Int32Array.from(t.int32Data);
  else if (t.int64Data?.length) data = BigInt64Array.from(t.int64Data.map((v) => BigInt(toNumber(v))));
  else data = copyTypedArray(elementType, new Uint8Array(0));
  return { name, elementType, dims: (t.dims ?? []).map(toNumber), data };
}

function readValueInfo(v: DecodedValueInfo): OnnxValueInfo {
  const tensorType = v.type?.tensorType;
  return {
    name: v.name ?? '',
    elementType: elementTypeName(tensorType?.elemType, `value "${v.name ?? ''}"`),
    shape: (tensorType?.shape?.dim ?? []).map((d) => d.dimParam || toNumber(d.dimValue)),
  };
}

function readAttribute(a: DecodedAttribute): OnnxAttributeValue {
  switch (a.type) {
    case 1:
      return { type: 'float', value: a.f ?? 0 };
    case 2:
      return { type: 'int', value: toNumber(a.i) };
    case 3:
      return { type: 'string', value: new TextDecoder().decode(a.s ?? new Uint8Array(0)) };
    case 6:
      return { type: 'floats', value: a.floats ?? [] };
    case 7:
      return { type: 'ints', value: (a.ints ?? []).map(toNumber) };
    default:
      throw new RetrievekitError(
        'UNSUPPORTED',
        `attribute "${a.name ?? ''}" has unsupported type ${String(a.type)}`,
        {
          where: { field: 'attribute' },
          hint: 'only float, int, string, floats and ints attributes are read',
        },
      );
  }
}

function readNode(n: DecodedNode): OnnxNode {
  const attributes: Record<string, OnnxAttributeValue> = {};
  for (const a of n.attribute ?? []) attributes[a.name ?? ''] = readAttribute(a);
  return {
    opType: n.opType ?? '',
    domain: n.domain ?? '',
    inputs: n.input ?? [],
    outputs: n.output ?? [],
    name: n.name ?? '',
    attributes,
  };
}

/**
 * Decodes ONNX bytes into an {@link OnnxModel}. Throws `CORRUPT_DATA` when the bytes are not a valid
 * ModelProto and `UNSUPPORTED` for element or attribute types outside the supported set.
 */
export function readModel(bytes: Uint8Array, file?: string): OnnxModel {
  let decoded: DecodedModel;
  try {
    decoded = onnxTypes.model.decode(bytes) as unknown as DecodedModel;
  } catch (cause) {
    throw new RetrievekitError('CORRUPT_DATA', 'not a valid ONNX ModelProto', {
      where: file === undefined ? {} : { file },
      hint: 'the file is truncated or not an .onnx model',
      cause,
    });
  }
  if (decoded.graph === undefined) {
    throw new RetrievekitError('CORRUPT_DATA', 'ONNX model has no graph', {
      where: file === undefined ? { field: 'graph' } : { file, field: 'graph' },
      hint: 'the file is truncated or not an .onnx model',
    });
  }
  const graph = decoded.graph;
  const metadata: Record<string, string> = {};
  for (const p of decoded.metadataProps ?? []) metadata[p.key ?? ''] = p.value ?? '';
  return {
    irVersion: toNumber(decoded.irVersion),
    producerName: decoded.producerName ?? '',
    opsetImports: (decoded.opsetImport ?? []).map((o) => ({
      domain: o.domain ?? '',
      version: toNumber(o.version),
    })),
    graphName: graph.name ?? '',
    nodes: (graph.node ?? []).map(readNode),
    inputs: (graph.input ?? []).map(readValueInfo),
    outputs: (graph.output ?? []).map(readValueInfo),
    initializers: (graph.initializer ?? []).map(readTensor),
    metadata,
  };
}
