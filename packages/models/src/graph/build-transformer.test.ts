import { seededRandom } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { buildTransformerModel, type ModelHead } from './build-transformer.js';
import { randomWeights } from './random-weights.js';
import {
  referenceClassifier,
  referenceEncoder,
  referencePool,
  referenceSplade,
} from './reference-forward.test-helper.js';
import { createSession, maxAbsDiff, runBatch, tokenTypesFor } from './run-model.test-helper.js';
import { type TransformerConfig, tinyBertConfig, tinyDistilBertConfig } from './transformer-config.js';

const random = seededRandom(99);
const sentence = (length: number) => [
  101,
  ...Array.from({ length: length - 2 }, () => 1000 + Math.floor(random() * 29000)),
  102,
];
const sequences = [sentence(6), sentence(11), sentence(3)];
const configs: TransformerConfig[] = [tinyDistilBertConfig, { ...tinyBertConfig, numLayers: 3, numHeads: 4 }];

describe.each(configs)('$architecture graph', (config) => {
  const weights = randomWeights(config, 7, { std: 0.2, biasStd: 0.1, layerNormStd: 0.2, numLabels: 2 });
  const bert = config.architecture === 'bert';
  const h = config.hiddenSize;
  const refs = sequences.map((s) => referenceEncoder(config, weights, s, tokenTypesFor(s)));
  const build = (head: ModelHead, fused = false) => buildTransformerModel({ config, weights, head, fused });

  it.each([
    ['cls', false],
    ['mean', true],
    ['max', false],
  ] as const)(
    'matches the float64 reference: hidden states and %s pooling (normalize %s)',
    async (pooling, normalize) => {
      const session = await createSession(build({ kind: 'embedding', pooling, normalize }));
      const out = await runBatch(session, sequences, bert);
      const hidden = out.last_hidden_state;
      const pooled = out.sentence_embedding;
      expect(hidden?.dims).toEqual([3, 11, h]);
      expect(pooled?.dims).toEqual([3, h]);
      sequences.forEach((seq, b) => {
        const ref = refs[b];
        if (!hidden || !pooled || !ref) throw new Error('missing output');
        const rows = hidden.data.subarray(b * 11 * h, (b * 11 + seq.length) * h);
        expect(maxAbsDiff(rows, ref.data)).toBeLessThan(1e-4);
        const expected = referencePool(ref, pooling, normalize);
        expect(maxAbsDiff(pooled.data.subarray(b * h, (b + 1) * h), expected)).toBeLessThan(1e-4);
      });
    },
  );

  it('SPLADE head equals the reference log(1 + relu) max-pool over the sequence', async () => {
    const session = await createSession(build({ kind: 'splade' }));
    const out = (await runBatch(session, sequences, bert)).sparse_embedding;
    expect(out?.dims).toEqual([3, config.vocabSize]);
    sequences.forEach((_, b) => {
      const ref = refs[b];
      if (!out || !ref) throw new Error('missing output');
      const expected = referenceSplade(config, weights, ref);
      expect(expected.some((v) => v > 0.01)).toBe(true);
      const row = out.data.subarray(b * config.vocabSize, (b + 1) * config.vocabSize);
      expect(maxAbsDiff(row, expected)).toBeLessThan(1e-4);
    });
  });

  it('classifier head matches the reference logits', async () => {
    const session = await createSession(build({ kind: 'classifier' }));
    const out = (await runBatch(session, sequences, bert)).logits;
    expect(out?.dims).toEqual([3, 2]);
    sequences.forEach((_, b) => {
      const ref = refs[b];
      if (!out || !ref) throw new Error('missing output');
      expect(
        maxAbsDiff(out.data.subarray(b * 2, b * 2 + 2), referenceClassifier(config, weights, ref)),
      ).toBeLessThan(1e-4);
    });
  });

  it.each([
    [{ kind: 'embedding', pooling: 'mean', normalize: true }, 'sentence_embedding'],
    [{ kind: 'embedding', pooling: 'max', normalize: false }, 'sentence_embedding'],
    [{ kind: 'splade' }, 'sparse_embedding'],
    [{ kind: 'classifier' }, 'logits'],
  ] as const)('a padded batch gives the same outputs as one-by-one runs (%o)', async (head, output) => {
    for (const fused of [false, true]) {
      const session = await createSession(build(head, fused));
      const batched = (await runBatch(session, sequences, bert))[output];
      if (!batched) throw new Error('missing output');
      const width = batched.data.length / sequences.length;
      for (const [b, seq] of sequences.entries()) {
        const single = (await runBatch(session, [seq], bert))[output];
        if (!single) throw new Error('missing output');
        expect(maxAbsDiff(batched.data.subarray(b * width, (b + 1) * width), single.data)).toBeLessThan(1e-5);
      }
    }
  });

  it('fused onnxruntime contrib graph agrees with the plain graph', async () => {
    const head: ModelHead = { kind: 'embedding', pooling: 'mean', normalize: false };
    const fusedModel = build(head, true);
    expect(fusedModel.nodes.map((n) => n.opType)).toEqual(
      expect.arrayContaining(['Attention', 'SkipLayerNormalization', 'BiasGelu']),
    );
    expect(fusedModel.opsetImports).toContainEqual({ domain: 'com.microsoft', version: 1 });
    const plain = await runBatch(await createSession(build(head)), sequences, bert);
    const fused = await runBatch(await createSession(fusedModel), sequences, bert);
    for (const name of ['sentence_embedding', 'last_hidden_state']) {
      const a = plain[name];
      const b = fused[name];
      if (!a || !b) throw new Error('missing output');
      expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-4);
    }
  });
});
