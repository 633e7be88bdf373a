/**
 * A minimal ONNX model for the k-means assignment step, encoded by hand (a few protobuf fields):
 * `S = MatMul(X [n, dim], CT [dim, k])`, `best = ArgMax(S, axis 1)` (int64, first index on ties),
 * `score = ReduceMax(S, axes [1])`. Opset 13, IR version 7.
 */

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function key(out: number[], field: number, wireType: 0 | 2): void {
  varint(out, field * 8 + wireType);
}

function bytesField(out: number[], field: number, bytes: number[]): void {
  key(out, field, 2);
  varint(out, bytes.length);
  for (const b of bytes) out.push(b);
}

function stringField(out: number[], field: number, text: string): void {
  bytesField(out, field, Array.from(Buffer.from(text, 'utf8')));
}

function intField(out: number[], field: number, value: number): void {
  key(out, field, 0);
  varint(out, value);
}

const FLOAT = 1;
const INT64 = 7;

function valueInfo(name: string, elemType: number, dims: Array<number | string>): number[] {
  const shape: number[] = [];
  for (const dim of dims) {
    const d: number[] = [];
    if (typeof dim === 'number') intField(d, 1, dim);
    else stringField(d, 2, dim);
    bytesField(shape, 1, d);
  }
  const tensorType: number[] = [];
  intField(tensorType, 1, elemType);
  bytesField(tensorType, 2, shape);
  const type: number[] = [];
  bytesField(type, 1, tensorType);
  const info: number[] = [];
  stringField(info, 1, name);
  bytesField(info, 2, type);
  return info;
}

interface Attribute {
  name: string;
  int?: number;
  ints?: number[];
}

function node(op: string, inputs: string[], outputs: string[], attributes: Attribute[]): number[] {
  const out: number[] = [];
  for (const input of inputs) stringField(out, 1, input);
  for (const output of outputs) stringField(out, 2, output);
  stringField(out, 3, `${op.toLowerCase()}_0`);
  stringField(out, 4, op);
  for (const attribute of attributes) {
    const a: number[] = [];
    stringField(a, 1, attribute.name);
    if (attribute.ints) {
      for (const v of attribute.ints) intField(a, 8, v);
      intField(a, 20, 7); // INTS
    } else {
      intField(a, 3, attribute.int ?? 0);
      intField(a, 20, 2); // INT
    }
    bytesField(out, 5, a);
  }
  return out;
}

/** Serialises the assignment model for `dim`-dimensional vectors and `k` centroids. */
export function assignmentModelBytes(dim: number, k: number): Uint8Array {
  const graph: number[] = [];
  bytesField(graph, 1, node('MatMul', ['X', 'CT'], ['S'], []));
  bytesField(
    graph,
    1,
    node(
      'ArgMax',
      ['S'],
      ['best'],
      [
        { name: 'axis', int: 1 },
        { name: 'keepdims', int: 0 },
      ],
    ),
  );
  bytesField(
    graph,
    1,
    node(
      'ReduceMax',
      ['S'],
      ['score'],
      [
        { name: 'axes', ints: [1] },
        { name: 'keepdims', int: 0 },
      ],
    ),
  );
  stringField(graph, 2, 'kmeans_assignment');
  bytesField(graph, 11, valueInfo('X', FLOAT, ['n', dim]));
  bytesField(graph, 11, valueInfo('CT', FLOAT, [dim, k]));
  bytesField(graph, 12, valueInfo('best', INT64, ['n']));
  bytesField(graph, 12, valueInfo('score', FLOAT, ['n']));
  const model: number[] = [];
  intField(model, 1, 7);
  stringField(model, 2, 'retrievekit');
  const opset: number[] = [];
  intField(opset, 2, 13);
  bytesField(model, 8, opset);
  bytesField(model, 7, graph);
  return Uint8Array.from(model);
}
