import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { WeightMap, WeightTensor } from '../graph/weights.js';
import { parsePytorchCheckpoint } from './pytorch-bin.js';
import { parseSafetensors } from './safetensors.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

interface ManifestEntry {
  dtype: string;
  shape: number[];
  sum: number;
  abs_sum: number;
  first: number[];
}

function readManifest(path: string): Record<string, ManifestEntry> {
  return JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as Record<string, ManifestEntry>;
}

/** Decodes IEEE half / bfloat16 bit patterns to numbers, independently of the readers. */
function toNumbers(tensor: WeightTensor): number[] {
  const { data, dtype } = tensor;
  if (dtype === 'bfloat16') {
    const f = new Float32Array(new Uint32Array(Array.from(data as Uint16Array, (h) => h << 16)).buffer);
    return Array.from(f);
  }
  if (dtype === 'float16') {
    return Array.from(data as Uint16Array, (h) => {
      const sign = h & 0x8000 ? -1 : 1;
      const exp = (h >> 10) & 0x1f;
      const frac = h & 0x3ff;
      if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
      return sign * 2 ** (exp - 15) * (1 + frac / 1024);
    });
  }
  return Array.from(data as Float32Array, Number);
}

function expectMatchesManifest(
  weights: WeightMap,
  manifest: Record<string, ManifestEntry>,
  skip: string[] = [],
): void {
  const expectedNames = Object.keys(manifest)
    .filter((n) => !skip.includes(n))
    .sort();
  expect([...weights.keys()].sort()).toEqual(expectedNames);
  for (const name of expectedNames) {
    const entry = manifest[name] as ManifestEntry;
    const tensor = weights.get(name) as WeightTensor;
    expect(tensor.shape, name).toEqual(entry.shape);
    expect(tensor.dtype, name).toBe(entry.dtype === 'float' ? 'float32' : entry.dtype);
    const values = toNumbers(tensor);
    const sum = values.reduce((a, b) => a + b, 0);
    const absSum = values.reduce((a, b) => a + Math.abs(b), 0);
    expect(sum, name).toBeCloseTo(entry.sum, 4);
    expect(absSum, name).toBeCloseTo(entry.abs_sum, 4);
    expect(values.slice(0, 4), name).toEqual(entry.first);
  }
}

describe('parseSafetensors', () => {
  for (const model of ['distilbert', 'bert']) {
    it(`reads the ${model} float32 fixture exactly as torch saved it`, () => {
      const { tensors, metadata } = parseSafetensors(
        readFileSync(join(fixtures, model, 'model.safetensors')),
      );
      const tied =
        model === 'bert'
          ? ['cls.predictions.decoder.weight', 'cls.predictions.decoder.bias']
          : ['vocab_projector.weight'];
      expectMatchesManifest(tensors, readManifest(`${model}/manifest.json`), tied);
      expect(metadata).toEqual({ format: 'pt' });
    });
  }
  for (const precision of ['fp16', 'bf16']) {
    it(`reads the ${precision} fixture bit-exactly`, () => {
      const { tensors } = parseSafetensors(
        readFileSync(join(fixtures, `distilbert/model-${precision}.safetensors`)),
      );
      expect(tensors.get('classifier.weight')?.dtype).toBe(precision === 'fp16' ? 'float16' : 'bfloat16');
      expectMatchesManifest(tensors, readManifest(`distilbert/manifest-${precision}.json`), [
        'vocab_projector.weight',
      ]);
    });
  }
});

describe('parsePytorchCheckpoint', () => {
  for (const model of ['distilbert', 'bert']) {
    it(`reads the ${model} torch.save zip, including tied and strided tensors`, () => {
      const weights = parsePytorchCheckpoint(readFileSync(join(fixtures, model, 'pytorch_model.bin')));
      expectMatchesManifest(weights, readManifest(`${model}/manifest.json`));
    });
  }
  it('gives tied tensors equal values but separate arrays', () => {
    const weights = parsePytorchCheckpoint(readFileSync(join(fixtures, 'distilbert/pytorch_model.bin')));
    const word = weights.get('distilbert.embeddings.word_embeddings.weight');
    const projector = weights.get('vocab_projector.weight');
    expect(projector?.data).toEqual(word?.data);
    expect(projector?.data).not.toBe(word?.data);
  });
  it('agrees with the safetensors copy of the same weights, transposed view included', () => {
    const fromBin = parsePytorchCheckpoint(readFileSync(join(fixtures, 'distilbert/pytorch_model.bin')));
    const { tensors } = parseSafetensors(readFileSync(join(fixtures, 'distilbert/model.safetensors')));
    for (const [name, tensor] of tensors) expect(fromBin.get(name)?.data, name).toEqual(tensor.data);
  });
});
