import { seededRandom } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { buildTransformerModel, type ModelHead } from '../graph/build-transformer.js';
import { randomWeights } from '../graph/random-weights.js';
import { createSession, runBatch } from '../graph/run-model.test-helper.js';
import { tinyDistilBertConfig } from '../graph/transformer-config.js';
import type { WeightPrecision } from './linear.js';

const config = { ...tinyDistilBertConfig, hiddenSize: 64, numHeads: 4, intermediateSize: 128 };
const weights = randomWeights(config, 11, { biasStd: 0.02, layerNormStd: 0.1 });
const random = seededRandom(5);
const sequences = [12, 30, 7, 20].map((n) => [
  101,
  ...Array.from({ length: n }, () => 1000 + Math.floor(random() * 29000)),
  102,
]);

function minRowCosine(a: Float32Array, b: Float32Array, rows: number): number {
  const width = a.length / rows;
  let worst = 1;
  for (let r = 0; r < rows; r++) {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = r * width; i < (r + 1) * width; i++) {
      dot += (a[i] ?? 0) * (b[i] ?? 0);
      na += (a[i] ?? 0) ** 2;
      nb += (b[i] ?? 0) ** 2;
    }
    worst = Math.min(worst, dot / Math.sqrt(na * nb));
  }
  return worst;
}

async function outputs(head: ModelHead, precision: WeightPrecision, fused: boolean, name: string) {
  const session = await createSession(buildTransformerModel({ config, weights, head, precision, fused }));
  const out = (await runBatch(session, sequences, false))[name];
  if (!out) throw new Error(`missing ${name}`);
  return out.data;
}

describe.each([false, true])('precision variants (fused %s)', (fused) => {
  it.each([
    ['fp16', 0.99999],
    ['int8', 0.995],
  ] as const)('%s embeddings stay close to fp32 (min cosine > %s)', async (precision, bound) => {
    const head: ModelHead = { kind: 'embedding', pooling: 'mean', normalize: true };
    const reference = await outputs(head, 'fp32', fused, 'sentence_embedding');
    const variant = await outputs(head, precision, fused, 'sentence_embedding');
    const cosine = minRowCosine(reference, variant, sequences.length);
    expect(cosine).toBeGreaterThan(bound);
    expect(cosine).toBeLessThan(1 - 1e-12);
  });

  it.each([
    ['fp16', 0.9999],
    ['int8', 0.99],
  ] as const)('%s SPLADE vectors stay close to fp32 (min cosine > %s)', async (precision, bound) => {
    const reference = await outputs({ kind: 'splade' }, 'fp32', fused, 'sparse_embedding');
    const variant = await outputs({ kind: 'splade' }, precision, fused, 'sparse_embedding');
    expect(minRowCosine(reference, variant, sequences.length)).toBeGreaterThan(bound);
  });
});

describe('precision variants: graph structure', () => {
  const head: ModelHead = { kind: 'embedding', pooling: 'cls', normalize: false };
  const bytes = (precision: WeightPrecision) =>
    buildTransformerModel({ config, weights, head, precision }).initializers.reduce(
      (s, t) => s + t.data.byteLength,
      0,
    );

  it('fp16 stores the embedding tables and linear weights as half and casts them to float', () => {
    const model = buildTransformerModel({ config, weights, head, precision: 'fp16' });
    const large = model.initializers.filter((t) => t.data.length >= config.hiddenSize * config.hiddenSize);
    expect(large.length).toBeGreaterThan(0);
    expect(large.every((t) => t.elementType === 'float16')).toBe(true);
    expect(model.nodes.some((n) => n.opType === 'Cast')).toBe(true);
    expect(bytes('fp16') / bytes('fp32')).toBeLessThan(0.52);
  });

  it('int8 quantises every linear layer with DynamicQuantizeLinear + MatMulInteger', () => {
    const model = buildTransformerModel({ config, weights, head, precision: 'int8' });
    const matmulInteger = model.nodes.filter((n) => n.opType === 'MatMulInteger').length;
    expect(matmulInteger).toBe(config.numLayers * 6);
    expect(model.nodes.some((n) => n.opType === 'MatMul')).toBe(true);
    const int8 = model.initializers.filter((t) => t.elementType === 'int8');
    expect(int8.length).toBe(matmulInteger);
  });
});
