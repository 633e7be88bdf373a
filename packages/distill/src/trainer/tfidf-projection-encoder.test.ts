import { describe, expect, it } from 'vitest';
import { createTfidfProjectionEncoder } from './tfidf-projection-encoder.js';

const analyzer = {
  analyze: (text: string) =>
    text
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => t.length > 0),
};
const corpus = ['red apple pie', 'green apple', 'red car fast car', 'blue sky', 'fast blue car'];

function exactTfidfCosine(a: string, b: string): number {
  const n = corpus.length;
  const df = new Map<string, number>();
  for (const doc of corpus) for (const t of new Set(analyzer.analyze(doc))) df.set(t, (df.get(t) ?? 0) + 1);
  const vector = (text: string) => {
    const tf = new Map<string, number>();
    for (const t of analyzer.analyze(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    const out = new Map<string, number>();
    for (const [t, c] of tf) {
      const d = df.get(t);
      if (d !== undefined) out.set(t, (1 + Math.log(c)) * (Math.log((n + 1) / (d + 1)) + 1));
    }
    return out;
  };
  const va = vector(a);
  const vb = vector(b);
  let dot = 0;
  for (const [t, w] of va) dot += w * (vb.get(t) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
  return dot / (norm(va) * norm(vb));
}

describe('createTfidfProjectionEncoder', () => {
  it('approximates scaled TF-IDF cosines with unit-length vectors times scale', () => {
    const encoder = createTfidfProjectionEncoder(corpus, analyzer, { dim: 4096, scale: 10, seed: 3 });
    const texts = ['red apple', 'fast red car', 'blue car', 'apple pie'];
    const batch = encoder.encode(texts);
    for (let i = 0; i < texts.length; i++) {
      let norm = 0;
      for (let k = 0; k < 4096; k++) norm += (batch.data[i * 4096 + k] as number) ** 2;
      expect(Math.sqrt(norm)).toBeCloseTo(10, 4);
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        let dot = 0;
        for (let k = 0; k < 4096; k++)
          dot += (batch.data[i * 4096 + k] as number) * (batch.data[j * 4096 + k] as number);
        expect(Math.abs(dot / 100 - exactTfidfCosine(texts[i] ?? '', texts[j] ?? ''))).toBeLessThan(0.08);
      }
    }
    expect(encoder.vocabularySize).toBe(8);
  });

  it('is fixed by its seed, ignores unknown terms and rejects a bad dim', () => {
    const a = createTfidfProjectionEncoder(corpus, analyzer, { dim: 32, seed: 1 }).encode([
      'red car',
      'zebra',
    ]);
    const b = createTfidfProjectionEncoder(corpus, analyzer, { dim: 32, seed: 1 }).encode([
      'red car',
      'zebra',
    ]);
    const c = createTfidfProjectionEncoder(corpus, analyzer, { dim: 32, seed: 2 }).encode([
      'red car',
      'zebra',
    ]);
    expect([...a.data]).toEqual([...b.data]);
    expect([...a.data]).not.toEqual([...c.data]);
    expect([...a.data.subarray(32)].every((v) => v === 0)).toBe(true);
    expect(() => createTfidfProjectionEncoder(corpus, analyzer, { dim: 8, termNonZeros: 9 })).toThrow(
      /dim 8 \/ termNonZeros 9 are invalid/,
    );
  });
});
