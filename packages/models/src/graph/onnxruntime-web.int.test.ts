import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { serializeModel } from '../onnx/write-model.js';
import type { WeightPrecision } from '../precision/linear.js';
import { buildTransformerModel, type ModelHead } from './build-transformer.js';
import { randomWeights } from './random-weights.js';
import { createSession, maxAbsDiff, runBatch } from './run-model.test-helper.js';
import { tinyBertConfig } from './transformer-config.js';

const config = tinyBertConfig;
const weights = randomWeights(config, 4, { std: 0.1, biasStd: 0.05 });
const ids = [101, 7592, 2088, 2003, 102];
const mask = [1, 1, 1, 1, 1];
const tensor = (values: number[]) =>
  new ortWeb.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, ids.length]);

describe('onnxruntime-web (wasm, in Node) runs the built graphs, contrib ops included', () => {
  ortWeb.env.wasm.numThreads = 1;
  it.each([
    [false, 'fp32'],
    [true, 'fp32'],
    [false, 'int8'],
    [true, 'fp16'],
  ] as const)(
    'fused %s, %s: same outputs as onnxruntime-node (1e-5)',
    async (fused, precision: WeightPrecision) => {
      const head: ModelHead = { kind: 'embedding', pooling: 'mean', normalize: true };
      const model = buildTransformerModel({ config, weights, head, fused, precision });
      const web = await ortWeb.InferenceSession.create(serializeModel(model));
      const out = await web.run({
        input_ids: tensor(ids),
        attention_mask: tensor(mask),
        token_type_ids: tensor([0, 0, 0, 1, 1]),
      });
      const node = await runBatch(await createSession(model), [ids], true);
      const webEmbedding = out.sentence_embedding?.data as Float32Array;
      const nodeEmbedding = node.sentence_embedding?.data;
      if (!nodeEmbedding) throw new Error('missing output');
      expect(webEmbedding.length).toBe(config.hiddenSize);
      expect(maxAbsDiff(webEmbedding, nodeEmbedding)).toBeLessThan(1e-5);
    },
  );
});
