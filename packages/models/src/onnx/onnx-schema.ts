/**
 * The subset of `onnx.proto` (onnx/onnx, proto2, IR version 8+) that retrievekit writes and reads,
 * as a protobufjs reflection descriptor. Field numbers follow onnx.proto exactly; fields we never use
 * (sparse tensors, training info, functions, external data) are left out and are skipped when decoding.
 */
import { Root, type Type } from 'protobufjs/light.js';

const int64 = (id: number) => ({ type: 'int64', id });
const string = (id: number) => ({ type: 'string', id });
const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });

const onnxDescriptor = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: int64(1),
            opsetImport: repeated('OperatorSetIdProto', 8),
            producerName: string(2),
            producerVersion: string(3),
            domain: string(4),
            modelVersion: int64(5),
            docString: string(6),
            graph: { type: 'GraphProto', id: 7 },
            metadataProps: repeated('StringStringEntryProto', 14),
          },
        },
        OperatorSetIdProto: { fields: { domain: string(1), version: int64(2) } },
        StringStringEntryProto: { fields: { key: string(1), value: string(2) } },
        GraphProto: {
          fields: {
            node: repeated('NodeProto', 1),
            name: string(2),
            initializer: repeated('TensorProto', 5),
            docString: string(10),
            input: repeated('ValueInfoProto', 11),
            output: repeated('ValueInfoProto', 12),
            valueInfo: repeated('ValueInfoProto', 13),
          },
        },
        NodeProto: {
          fields: {
            input: repeated('string', 1),
            output: repeated('string', 2),
            name: string(3),
            opType: string(4),
            attribute: repeated('AttributeProto', 5),
            docString: string(6),
            domain: string(7),
          },
        },
        AttributeProto: {
          fields: {
            name: string(1),
            type: { type: 'int32', id: 20 },
            f: { type: 'float', id: 2 },
            i: int64(3),
            s: { type: 'bytes', id: 4 },
            t: { type: 'TensorProto', id: 5 },
            floats: repeated('float', 7),
            ints: repeated('int64', 8),
            strings: repeated('bytes', 9),
          },
        },
        TensorProto: {
          fields: {
            dims: repeated('int64', 1),
            dataType: { type: 'int32', id: 2 },
            floatData: repeated('float', 4),
            int32Data: repeated('int32', 5),
            int64Data: repeated('int64', 7),
            name: string(8),
            rawData: { type: 'bytes', id: 9 },
            docString: string(12),
            dataLocation: { type: 'int32', id: 14 },
          },
        },
        ValueInfoProto: {
          fields: { name: string(1), type: { type: 'TypeProto', id: 2 }, docString: string(3) },
        },
        TypeProto: {
          fields: { tensorType: { type: 'TensorTypeProto', id: 1 }, denotation: string(6) },
        },
        TensorTypeProto: {
          fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } },
        },
        TensorShapeProto: { fields: { dim: repeated('Dimension', 1) } },
        Dimension: { fields: { dimValue: int64(1), dimParam: string(2), denotation: string(3) } },
      },
    },
  },
};

const root = Root.fromJSON(onnxDescriptor);

/** Reflected message types of the ONNX schema. */
export const onnxTypes: {
  model: Type;
  graph: Type;
  node: Type;
  tensor: Type;
} = {
  model: root.lookupType('onnx.ModelProto'),
  graph: root.lookupType('onnx.GraphProto'),
  node: root.lookupType('onnx.NodeProto'),
  tensor: root.lookupType('onnx.TensorProto'),
};

/** Field numbers used when the writer splices large tensors in without copying them. */
export const onnxFieldNumbers = {
  modelGraph: 7,
  graphInitializer: 5,
  tensorRawData: 9,
} as const;
