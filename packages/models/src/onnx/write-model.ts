/**
 * Serialises an {@link OnnxModel} to ONNX protobuf bytes. Initializer data is spliced in as `raw_data`
 * without copying: the graph skeleton is encoded by protobufjs and every tensor's bytes are a view on the
 * caller's typed array, so {@link serializeModelChunks} costs almost no memory beyond the weights and
 * {@link writeModelFile} streams them straight to disk.
 */
import { open, rename, unlink } from 'node:fs/promises';
import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { onnxFieldNumbers, onnxTypes } from './onnx-schema.js';
import type { OnnxAttributeValue, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx-types.js';
import { OnnxDataType } from './onnx-types.js';

const attributeTypeCode = { float: 1, int: 2, string: 3, floats: 6, ints: 7 } as const;

function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new RetrievekitError('UNSUPPORTED', 'big-endian hosts are not supported by the ONNX writer', {
      hint: 'ONNX raw_data is little-endian; run on a little-endian machine',
    });
  }
}

function encodeVarint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

/** Tag + length prefix of a length-delimited field. */
function lengthPrefix(field: number, length: number): Uint8Array {
  const tag = encodeVarint(field * 8 + 2);
  const len = encodeVarint(length);
  const out = new Uint8Array(tag.length + len.length);
  out.set(tag, 0);
  out.set(len, tag.length);
  return out;
}

function valueInfoMessage(info: OnnxValueInfo) {
  return {
    name: info.name,
    type: {
      tensorType: {
        elemType: OnnxDataType[info.elementType],
        shape: { dim: info.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attributeMessage(name: string, attribute: OnnxAttributeValue) {
  const base = { name, type: attributeTypeCode[attribute.type] };
  switch (attribute.type) {
    case 'float':
      return { ...base, f: attribute.value };
    case 'int':
      return { ...base, i: attribute.value };
    case 'string':
      return { ...base, s: new TextEncoder().encode(attribute.value) };
    case 'floats':
      return { ...base, floats: [...attribute.value] };
    case 'ints':
      return { ...base, ints: [...attribute.value] };
  }
}

function nodeMessage(node: OnnxNode) {
  return {
    input: [...node.inputs],
    output: [...node.outputs],
    name: node.name,
    opType: node.opType,
    domain: node.domain,
    attribute: Object.entries(node.attributes).map(([name, value]) => attributeMessage(name, value)),
  };
}

function tensorChunks(tensor: OnnxTensor, index: number): Uint8Array[] {
  const elements = tensor.dims.reduce((a, b) => a * b, 1);
  if (elements !== tensor.data.length) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `initializer "${tensor.name}" has ${tensor.data.length} elements but dims [${tensor.dims.join(', ')}] need ${elements}`,
      { where: { field: 'initializers', index }, hint: 'the data length must equal the product of dims' },
    );
  }
  const header = onnxTypes.tensor
    .encode({ dims: [...tensor.dims], dataType: OnnxDataType[tensor.elementType], name: tensor.name })
    .finish();
  const raw = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  const rawPrefix = lengthPrefix(onnxFieldNumbers.tensorRawData, raw.byteLength);
  const tensorLength = header.byteLength + rawPrefix.byteLength + raw.byteLength;
  return [lengthPrefix(onnxFieldNumbers.graphInitializer, tensorLength), header, rawPrefix, raw];
}

/**
 * Encodes the model as a list of byte chunks whose concatenation is the `.onnx` file. Tensor chunks are
 * views on the initializers' own memory (no copy).
 */
export function serializeModelChunks(model: OnnxModel): Uint8Array[] {
  assertLittleEndian();
  const modelHead = onnxTypes.model
    .encode({
      irVersion: model.irVersion,
      opsetImport: model.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
      producerName: model.producerName,
      metadataProps: Object.entries(model.metadata).map(([key, value]) => ({ key, value })),
    })
    .finish();
  const graphHead = onnxTypes.graph
    .encode({
      name: model.graphName,
      node: model.nodes.map(nodeMessage),
      input: model.inputs.map(valueInfoMessage),
      output: model.outputs.map(valueInfoMessage),
    })
    .finish();
  const initializerChunks = model.initializers.flatMap((t, i) => tensorChunks(t, i));
  const graphLength = initializerChunks.reduce((sum, c) => sum + c.byteLength, graphHead.byteLength);
  return [modelHead, lengthPrefix(onnxFieldNumbers.modelGraph, graphLength), graphHead, ...initializerChunks];
}

/** Serialises the model into one `Uint8Array` (the bytes of a `.onnx` file), ready for `InferenceSession.create`. */
export function serializeModel(model: OnnxModel): Uint8Array {
  const chunks = serializeModelChunks(model);
  const total = chunks.reduce((sum, c) => sum + c.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Writes the model to `path` atomically (temp file, fsync, rename), streaming the weights chunk by chunk.
 * Reports progress in bytes and honours `signal` between chunks.
 */
export async function writeModelFile(
  path: string,
  model: OnnxModel,
  options: LongTaskOptions = {},
): Promise<void> {
  const chunks = serializeModelChunks(model);
  const total = chunks.reduce((sum, c) => sum + c.byteLength, 0);
  const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
  const handle = await open(temp, 'w');
  let done = 0;
  try {
    for (const chunk of chunks) {
      throwIfAborted(options.signal, 'writing the ONNX model');
      await handle.write(chunk);
      done += chunk.byteLength;
      options.onProgress?.({ done, total, unit: 'bytes' });
    }
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
