import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { WeightMap, WeightTensor } from '../graph/weights.js';
import { encodeSafetensors } from './encode-safetensors.js';
import { parsePytorchCheckpoint } from './pytorch-bin.js';
import { parseSafetensors } from './safetensors.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const read = (path: string) => readFileSync(join(fixtures, path));
const misc = JSON.parse(readFileSync(join(fixtures, 'misc/manifest.json'), 'utf8')) as Record<
  string,
  { shape: number[]; values: number[] }
>;

function expectSameWeights(actual: WeightMap, expected: WeightMap): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [name, tensor] of expected) {
    const got = actual.get(name) as WeightTensor;
    expect(got.dtype, name).toBe(tensor.dtype);
    expect(got.shape, name).toEqual(tensor.shape);
    expect(Array.from(got.data as ArrayLike<number>), name).toEqual(
      Array.from(tensor.data as ArrayLike<number>),
    );
  }
}

describe('readers with { copy: false }', () => {
  it('safetensors: aligned tensors are views into the file bytes, equal to the copies', () => {
    const bytes = read('distilbert/model.safetensors');
    const views = parseSafetensors(bytes, 'model.safetensors', { copy: false }).tensors;
    const copies = parseSafetensors(bytes).tensors;
    expectSameWeights(views, copies);
    for (const [name, tensor] of views) expect(tensor.data.buffer, name).toBe(bytes.buffer);
    for (const [name, tensor] of copies) expect(tensor.data.buffer, name).not.toBe(bytes.buffer);
  });

  it('safetensors: a tensor not aligned to its element size is copied, values intact', () => {
    // Shift the whole file by one byte inside a larger buffer: every float32 lands at an odd address.
    const file = encodeSafetensors(
      new Map([['w', { dtype: 'float32', shape: [3], data: Float32Array.of(1.5, -2, 3.25) }]]),
    );
    const shifted = new Uint8Array(file.length + 1).subarray(1);
    shifted.set(file);
    const w = parseSafetensors(shifted, 'x', { copy: false }).tensors.get('w') as WeightTensor;
    expect(Array.from(w.data as Float32Array)).toEqual([1.5, -2, 3.25]);
    expect(w.data.buffer).not.toBe(shifted.buffer);
  });

  it('pytorch_model.bin: stored storages become views; values equal the copies', () => {
    const bytes = read('distilbert/pytorch_model.bin');
    const views = parsePytorchCheckpoint(bytes, 'pytorch_model.bin', { copy: false });
    expectSameWeights(views, parsePytorchCheckpoint(bytes));
    const word = views.get('distilbert.embeddings.word_embeddings.weight') as WeightTensor;
    expect(word.data.buffer).toBe(bytes.buffer);
  });

  it('pytorch_model.bin: every dtype, a scalar, an empty tensor and a strided column match torch', () => {
    const weights = parsePytorchCheckpoint(read('misc/assorted.bin'), 'assorted.bin', { copy: false });
    expect([...weights.keys()]).toEqual(Object.keys(misc));
    for (const [name, expected] of Object.entries(misc)) {
      const tensor = weights.get(name) as WeightTensor;
      expect(tensor.shape, name).toEqual(expected.shape);
      if (tensor.dtype === 'float16' || tensor.dtype === 'bfloat16') continue; // decoded in assorted-tensors
      expect(Array.from(tensor.data as ArrayLike<number | bigint>, Number), name).toEqual(expected.values);
    }
  });
});
