import { seededRandom } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { randomWeights } from './random-weights.js';
import { fillNormal } from './seeded-random.js';
import { tinyBertConfig } from './transformer-config.js';

describe('seeded random weights', () => {
  it('draws normal(mean, std) samples: moments and tail mass match', () => {
    const x = fillNormal(new Float32Array(200_001), seededRandom(3), 0.5, 0.02);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
    const beyond2 = x.filter((v) => Math.abs(v - 0.5) > 0.04).length / x.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(3e-4);
    expect(Math.abs(sd - 0.02)).toBeLessThan(3e-4);
    expect(Math.abs(beyond2 - 0.0455)).toBeLessThan(0.003);
  });

  it('is reproducible per seed and initialises like HF (LayerNorm 1 / 0, zero biases)', () => {
    const a = randomWeights(tinyBertConfig, 5);
    const b = randomWeights(tinyBertConfig, 5);
    const c = randomWeights(tinyBertConfig, 6);
    const q = 'bert.encoder.layer.0.attention.self.query.weight';
    expect(a.get(q)?.data).toEqual(b.get(q)?.data);
    expect(a.get(q)?.data).not.toEqual(c.get(q)?.data);
    expect(a.get(q)?.shape).toEqual([32, 32]);
    const values = (name: string) => Array.from(a.get(name)?.data as Float32Array);
    expect(values('bert.embeddings.LayerNorm.weight').every((v) => v === 1)).toBe(true);
    expect(values('bert.encoder.layer.1.output.dense.bias').every((v) => v === 0)).toBe(true);
    expect(a.get('cls.predictions.bias')?.shape).toEqual([30522]);
    expect(a.get('classifier.weight')?.shape).toEqual([1, 32]);
  });
});
