import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildTransformerModel } from '../graph/build-transformer.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { randomWeights } from '../graph/random-weights.js';
import { tinyBertConfig } from '../graph/transformer-config.js';
import type { OnnxModel } from './onnx-types.js';
import { readModel } from './read-model.js';
import { serializeModel, serializeModelChunks, writeModelFile } from './write-model.js';

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function smallModel(): OnnxModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float', ['batch', 3]);
  const w = b.initializer({
    name: 'w',
    elementType: 'float',
    dims: [3, 2],
    data: Float32Array.from([1, 2, 3, 4, 5, 6]),
  });
  const half = b.initializer({
    name: 'h',
    elementType: 'float16',
    dims: [2],
    data: Uint16Array.from([0x3c00, 0xc000]),
  });
  b.initializer({ name: 'q', elementType: 'int8', dims: [2, 2], data: Int8Array.from([-127, 0, 5, 127]) });
  b.initializer({ name: 'u', elementType: 'uint8', dims: [1], data: Uint8Array.from([255]) });
  b.output(b.add(b.matmul(x, w), b.cast(half, 'float')), 'y', 'float', ['batch', 2]);
  return b.build({ graphName: 'small', metadata: { note: 'hello' } });
}

describe('ONNX writer and reader', () => {
  it('round-trips opsets, symbolic dims, attributes and initializers of every dtype', () => {
    const model = smallModel();
    const back = readModel(serializeModel(model));
    expect(back.opsetImports).toEqual([{ domain: '', version: 17 }]);
    expect(back.irVersion).toBe(8);
    expect(back.inputs).toEqual([{ name: 'x', elementType: 'float', shape: ['batch', 3] }]);
    expect(back.outputs).toEqual([{ name: 'y', elementType: 'float', shape: ['batch', 2] }]);
    expect(back.metadata).toEqual({ note: 'hello' });
    expect(back.nodes.map((n) => n.opType)).toEqual(['MatMul', 'Cast', 'Add', 'Identity']);
    expect(back.nodes[1]?.attributes).toEqual({ to: { type: 'int', value: 1 } });
    expect(back.initializers).toEqual(model.initializers);
  });

  it('writes a model onnxruntime runs: y = x W + fp16 bias', async () => {
    const session = await ort.InferenceSession.create(serializeModel(smallModel()), { logSeverityLevel: 3 });
    const out = await session.run({
      x: new ort.Tensor('float32', Float32Array.from([1, 0, 1, 0, 1, 0]), [2, 3]),
    });
    expect(Array.from(out.y?.data as Float32Array)).toEqual([7, 6, 4, 2]);
  });

  it('keeps weights as views (no copy) and the chunks concatenate to the serialised bytes', () => {
    const model = smallModel();
    const chunks = serializeModelChunks(model);
    const w = model.initializers[0]?.data;
    expect(chunks.some((c) => c.buffer === w?.buffer)).toBe(true);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(serializeModel(model)));
  });

  it('reads back a transformer with the com.microsoft opset, inputs, outputs and weight shapes', () => {
    const weights = randomWeights(tinyBertConfig, 3);
    const model = buildTransformerModel({
      config: tinyBertConfig,
      weights,
      head: { kind: 'embedding', pooling: 'cls', normalize: true },
      fused: true,
    });
    const back = readModel(serializeModel(model));
    expect(back.opsetImports).toEqual([
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
    ]);
    expect(back.inputs.map((i) => [i.name, i.elementType, i.shape])).toEqual([
      ['input_ids', 'int64', ['batch', 'sequence']],
      ['attention_mask', 'int64', ['batch', 'sequence']],
      ['token_type_ids', 'int64', ['batch', 'sequence']],
    ]);
    expect(back.outputs.map((o) => o.name)).toEqual(['last_hidden_state', 'sentence_embedding']);
    const word = back.initializers.find((t) => t.name === 'bert.embeddings.word_embeddings.weight');
    expect(word?.dims).toEqual([30522, 32]);
    const original = weights.get('bert.embeddings.word_embeddings.weight')?.data;
    expect(word?.data).toBeInstanceOf(Float32Array);
    expect(original && word && Buffer.compare(bytesOf(word.data), bytesOf(original))).toBe(0);
    expect(back.nodes.find((n) => n.opType === 'Attention')?.attributes.num_heads).toEqual({
      type: 'int',
      value: 2,
    });
  });

  it('writes files atomically and leaves no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rk-onnx-'));
    try {
      const path = join(dir, 'model.onnx');
      const seen: number[] = [];
      await writeModelFile(path, smallModel(), { onProgress: (p) => seen.push(p.done) });
      expect(new Uint8Array(await readFile(path))).toEqual(serializeModel(smallModel()));
      expect(await readdir(dir)).toEqual(['model.onnx']);
      expect(seen.at(-1)).toBe((await readFile(path)).byteLength);
      const controller = new AbortController();
      controller.abort();
      await expect(
        writeModelFile(join(dir, 'b.onnx'), smallModel(), { signal: controller.signal }),
      ).rejects.toThrow(/writing the ONNX model was cancelled/);
      expect(await readdir(dir)).toEqual(['model.onnx']);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('rejects an initializer whose data does not match its dims', () => {
    const model = { ...smallModel() };
    model.initializers = [{ name: 'bad', elementType: 'float', dims: [2, 2], data: new Float32Array(3) }];
    expect(() => serializeModel(model)).toThrow(
      'field "initializers", index 0: initializer "bad" has 3 elements but dims [2, 2] need 4',
    );
  });

  it('rejects bytes that are not an ONNX model', () => {
    const error = (() => {
      try {
        readModel(Uint8Array.from([0x0a, 0xff, 0xff, 0xff]), 'broken.onnx');
      } catch (e) {
        return e;
      }
    })();
    expect(RetrievekitError.hasCode(error, 'CORRUPT_DATA')).toBe(true);
    expect(String(error)).toContain('broken.onnx: not a valid ONNX ModelProto');
  });
});
