/** Test-only: a tiny random DistilBERT and onnxruntime-node's outputs for the fixed batches. */
import {
  buildTransformerModel,
  randomWeights,
  serializeModel,
  tinyDistilBertConfig,
} from '@retrievekit/models';
import * as ortNode from 'onnxruntime-node';
import { BATCHES, OUTPUTS, toFeeds } from './test-batches.test-helper.js';

/** The tiny model's ONNX bytes (mean pooling, so padding handling shows in the pooled vector). */
export function tinyModelBytes(seed = 11): Uint8Array {
  const weights = randomWeights(tinyDistilBertConfig, seed, { biasStd: 0.02, layerNormStd: 0.1 });
  return serializeModel(
    buildTransformerModel({
      config: tinyDistilBertConfig,
      weights,
      head: { kind: 'embedding', pooling: 'mean', normalize: false },
    }),
  );
}

/** onnxruntime-node's outputs for each of {@link BATCHES}: the independent reference. */
export async function nodeReference(bytes: Uint8Array): Promise<Record<string, number[]>[]> {
  const session = await ortNode.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
  const results: Record<string, number[]>[] = [];
  for (const batch of BATCHES) {
    const feeds: Record<string, ortNode.Tensor> = {};
    for (const [name, input] of Object.entries(toFeeds(batch)))
      feeds[name] = new ortNode.Tensor('int64', input.data, input.dims);
    const out = await session.run(feeds, [...OUTPUTS]);
    const row: Record<string, number[]> = {};
    for (const name of OUTPUTS) row[name] = Array.from((out[name] as ortNode.Tensor).data as Float32Array);
    results.push(row);
  }
  await session.release();
  return results;
}
