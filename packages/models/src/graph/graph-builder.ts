/**
 * A small builder for ONNX graphs: declare inputs, outputs and initializers, then chain typed operator
 * helpers. Every helper returns the name of the tensor it produced.
 */
import { RetrievekitError } from '@retrievekit/core';
import type {
  OnnxAttributeValue,
  OnnxElementType,
  OnnxModel,
  OnnxNode,
  OnnxTensor,
  OnnxValueInfo,
} from '../onnx/onnx-types.js';
import { OnnxDataType } from '../onnx/onnx-types.js';

/** The ai.onnx opset the builders target. */
export const AI_ONNX_OPSET = 17;
/** The com.microsoft (onnxruntime contrib) opset version imported when fused ops are used. */
export const MS_OPSET = 1;

/** Attribute constructors for {@link GraphBuilder.op}. */
export const attr = {
  /** An integer attribute. */
  int: (value: number): OnnxAttributeValue => ({ type: 'int', value }),
  /** A float attribute. */
  float: (value: number): OnnxAttributeValue => ({ type: 'float', value }),
  /** A list-of-ints attribute. */
  ints: (value: readonly number[]): OnnxAttributeValue => ({ type: 'ints', value }),
  /** A string attribute. */
  string: (value: string): OnnxAttributeValue => ({ type: 'string', value }),
};

/** Builds one ONNX graph. Names are made unique with a per-builder counter. */
export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly inputs: OnnxValueInfo[] = [];
  private readonly outputs: OnnxValueInfo[] = [];
  private readonly initializers = new Map<string, OnnxTensor>();
  private readonly domains = new Set<string>();
  private counter = 0;

  /** A fresh tensor name with the given prefix. */
  fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  /** Declares a graph input and returns its name. */
  input(name: string, elementType: OnnxElementType, shape: readonly (number | string)[]): string {
    this.inputs.push({ name, elementType, shape });
    return name;
  }

  /** Declares `tensor` (already produced by a node) as graph output `name`. */
  output(
    tensor: string,
    name: string,
    elementType: OnnxElementType,
    shape: readonly (number | string)[],
  ): void {
    const renamed = this.op('Identity', [tensor], {}, { outputName: name });
    this.outputs.push({ name: renamed, elementType, shape });
  }

  /** Adds an initializer (a constant tensor); throws on a duplicate name. Returns its name. */
  initializer(tensor: OnnxTensor): string {
    if (this.initializers.has(tensor.name)) {
      throw new RetrievekitError('DUPLICATE_ID', `initializer "${tensor.name}" is defined twice`, {
        where: { field: 'initializers' },
        hint: 'give each weight a unique name',
      });
    }
    this.initializers.set(tensor.name, tensor);
    return tensor.name;
  }

  /** True when an initializer of that name exists. */
  hasInitializer(name: string): boolean {
    return this.initializers.has(name);
  }

  /** A float32 constant. */
  constFloat(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer({
      name: this.fresh('const_f'),
      elementType: 'float',
      dims,
      data: Float32Array.from(values),
    });
  }

  /** An int64 constant (shapes, axes, indices). */
  constInt64(values: readonly number[], dims: readonly number[] = [values.length]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    return this.initializer({ name: this.fresh('const_i'), elementType: 'int64', dims, data });
  }

  /** Appends a node with one output and returns the output name. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, OnnxAttributeValue> = {},
    options: { domain?: string; outputName?: string } = {},
  ): string {
    const output = options.outputName ?? this.fresh(opType.toLowerCase());
    this.opMulti(opType, inputs, [output], attributes, options.domain ?? '');
    return output;
  }

  /** Appends a node with several outputs. */
  opMulti(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Record<string, OnnxAttributeValue> = {},
    domain = '',
  ): readonly string[] {
    if (domain !== '') this.domains.add(domain);
    this.nodes.push({ opType, domain, inputs, outputs, attributes, name: this.fresh(`node_${opType}`) });
    return outputs;
  }

  /** `a @ b` (numpy matmul semantics). */
  matmul(a: string, b: string): string {
    return this.op('MatMul', [a, b]);
  }
  /** Elementwise `a + b` with broadcasting. */
  add(a: string, b: string): string {
    return this.op('Add', [a, b]);
  }
  /** Elementwise `a - b`. */
  sub(a: string, b: string): string {
    return this.op('Sub', [a, b]);
  }
  /** Elementwise `a * b`. */
  mul(a: string, b: string): string {
    return this.op('Mul', [a, b]);
  }
  /** Elementwise `a / b`. */
  div(a: string, b: string): string {
    return this.op('Div', [a, b]);
  }
  /** Elementwise max of two tensors. */
  max(a: string, b: string): string {
    return this.op('Max', [a, b]);
  }
  /** Unary operator (`Relu`, `Tanh`, `Log`, `Sqrt`, `Erf`, ...). */
  unary(opType: string, x: string): string {
    return this.op(opType, [x]);
  }
  /** LayerNormalization over the last axis (opset 17). */
  layerNorm(x: string, gamma: string, beta: string, epsilon: number): string {
    return this.op('LayerNormalization', [x, gamma, beta], {
      axis: attr.int(-1),
      epsilon: attr.float(epsilon),
    });
  }
  /** Exact GELU: `0.5 x (1 + erf(x / sqrt 2))` from opset-17 primitives. */
  gelu(x: string): string {
    const erf = this.unary('Erf', this.mul(x, this.constFloat([Math.SQRT1_2], [])));
    return this.mul(this.mul(x, this.constFloat([0.5], [])), this.add(erf, this.constFloat([1], [])));
  }
  /** Softmax along `axis`. */
  softmax(x: string, axis = -1): string {
    return this.op('Softmax', [x], { axis: attr.int(axis) });
  }
  /** Reshape to `shape` (0 copies the input dim, -1 infers). */
  reshape(x: string, shape: readonly number[]): string {
    return this.op('Reshape', [x, this.constInt64(shape)]);
  }
  /** Transpose with permutation `perm`. */
  transpose(x: string, perm: readonly number[]): string {
    return this.op('Transpose', [x], { perm: attr.ints(perm) });
  }
  /** Gather along `axis`. */
  gather(data: string, indices: string, axis = 0): string {
    return this.op('Gather', [data, indices], { axis: attr.int(axis) });
  }
  /** Cast to an element type. */
  cast(x: string, to: OnnxElementType): string {
    return this.op('Cast', [x], { to: attr.int(OnnxDataType[to]) });
  }
  /** Sum over `axes` (opset 13+: axes as an input). */
  reduceSum(x: string, axes: readonly number[], keepdims: boolean): string {
    return this.op('ReduceSum', [x, this.constInt64(axes)], { keepdims: attr.int(keepdims ? 1 : 0) });
  }
  /** Max over `axes` (opset 13-17: axes as an attribute). */
  reduceMax(x: string, axes: readonly number[], keepdims: boolean): string {
    return this.op('ReduceMax', [x], { axes: attr.ints(axes), keepdims: attr.int(keepdims ? 1 : 0) });
  }
  /** Unsqueeze at `axes` (opset 13+: axes as an input). */
  unsqueeze(x: string, axes: readonly number[]): string {
    return this.op('Unsqueeze', [x, this.constInt64(axes)]);
  }

  /** Finishes the graph as an {@link OnnxModel}. */
  build(options: { graphName: string; metadata?: Record<string, string> }): OnnxModel {
    const opsetImports = [{ domain: '', version: AI_ONNX_OPSET }];
    if (this.domains.has('com.microsoft')) opsetImports.push({ domain: 'com.microsoft', version: MS_OPSET });
    return {
      irVersion: 8,
      opsetImports,
      producerName: '@retrievekit/models',
      graphName: options.graphName,
      nodes: [...this.nodes],
      inputs: [...this.inputs],
      outputs: [...this.outputs],
      initializers: [...this.initializers.values()],
      metadata: options.metadata ?? {},
    };
  }
}
