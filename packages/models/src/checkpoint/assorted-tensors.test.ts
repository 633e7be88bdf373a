import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { WeightTensor } from '../graph/weights.js';
import { parsePytorchCheckpoint } from './pytorch-bin.js';

const misc = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/misc');
const manifest = JSON.parse(readFileSync(join(misc, 'manifest.json'), 'utf8')) as Record<
  string,
  { dtype: string; shape: number[]; values: number[] }
>;

/** Element values as numbers; half and bfloat16 bit patterns decoded independently of the reader. */
function values(tensor: WeightTensor): number[] {
  if (tensor.dtype === 'bfloat16') {
    return Array.from(new Float32Array(Uint32Array.from(tensor.data as Uint16Array, (h) => h << 16).buffer));
  }
  if (tensor.dtype === 'float16') {
    return Array.from(tensor.data as Uint16Array, (h) => {
      const sign = h & 0x8000 ? -1 : 1;
      const exp = (h >> 10) & 0x1f;
      const frac = h & 0x3ff;
      return exp === 0 ? sign * 2 ** -14 * (frac / 1024) : sign * 2 ** (exp - 15) * (1 + frac / 1024);
    });
  }
  return Array.from(tensor.data as ArrayLike<number | bigint>, Number);
}

describe('parsePytorchCheckpoint on assorted tensors', () => {
  for (const file of ['assorted.bin', 'assorted-protocol4.bin']) {
    it(`reads parameters, every dtype, a scalar, an empty tensor and a strided column (${file})`, () => {
      const weights = parsePytorchCheckpoint(readFileSync(join(misc, file)), file);
      expect([...weights.keys()]).toEqual(Object.keys(manifest));
      for (const [name, expected] of Object.entries(manifest)) {
        const tensor = weights.get(name) as WeightTensor;
        expect(tensor.dtype, name).toBe(expected.dtype);
        expect(tensor.shape, name).toEqual(expected.shape);
        expect(values(tensor), name).toEqual(expected.values);
      }
      expect(weights.get('ids')?.data).toBeInstanceOf(BigInt64Array);
    });
  }

  it('refuses float64 storages with advice', () => {
    expect(() => parsePytorchCheckpoint(readFileSync(join(misc, 'float64.bin')), 'float64.bin')).toThrow(
      'float64.bin, field "w": tensor storage type torch.DoubleStorage is not supported (convert the model to float32/float16/bfloat16 before saving)',
    );
  });
});
