import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildTransformerModel, type ModelHead } from '../graph/build-transformer.js';
import type { WeightMap } from '../graph/weights.js';
import { serializeModel } from '../onnx/write-model.js';
import { type ModelConfig, parseModelConfig } from './model-config.js';
import { type CheckpointFormat, readCheckpoint } from './read-checkpoint.js';
import { resolveWeights } from './resolve-weights.js';
import { parseSafetensors } from './safetensors.js';
import { transformerConfigOf } from './transformer-config-of.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

interface Golden {
  shape: number[];
  data: number[];
}
interface Reference {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
  last_hidden_state: Golden;
  cls: Golden;
  mean: Golden;
  splade: Golden;
  logits: Golden;
}

function int64(rows: number[][]): ort.Tensor {
  const flat = BigInt64Array.from(rows.flat(), (v) => BigInt(v));
  return new ort.Tensor('int64', flat, [rows.length, rows[0]?.length ?? 0]);
}

function maxAbsDiff(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  return worst;
}

const HEADS: Array<{ head: ModelHead; output: string; golden: keyof Reference }> = [
  {
    head: { kind: 'embedding', pooling: 'cls', normalize: false },
    output: 'last_hidden_state',
    golden: 'last_hidden_state',
  },
  {
    head: { kind: 'embedding', pooling: 'cls', normalize: false },
    output: 'sentence_embedding',
    golden: 'cls',
  },
  {
    head: { kind: 'embedding', pooling: 'mean', normalize: false },
    output: 'sentence_embedding',
    golden: 'mean',
  },
  { head: { kind: 'splade' }, output: 'sparse_embedding', golden: 'splade' },
  { head: { kind: 'classifier' }, output: 'logits', golden: 'logits' },
];

async function expectHeadsMatch(
  config: ModelConfig,
  weights: WeightMap,
  reference: Reference,
): Promise<void> {
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(reference.input_ids),
    attention_mask: int64(reference.attention_mask),
  };
  if (reference.token_type_ids !== undefined) feeds.token_type_ids = int64(reference.token_type_ids);
  for (const { head, output, golden } of HEADS) {
    const onnx = buildTransformerModel({ config: transformerConfigOf(config), weights, head });
    const session = await ort.InferenceSession.create(serializeModel(onnx));
    const result = (await session.run(feeds))[output];
    const expected = reference[golden] as Golden;
    expect(result?.dims, golden).toEqual(expected.shape);
    expect(maxAbsDiff(result?.data as Float32Array, expected.data), golden).toBeLessThan(1e-4);
    await session.release();
  }
}

const readReference = (path: string) => JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as Reference;

describe('checkpoint -> ONNX -> onnxruntime-node matches the torch reference', () => {
  for (const model of ['distilbert', 'bert'] as const) {
    for (const format of ['safetensors', 'pytorch'] as CheckpointFormat[]) {
      it(`${model} from ${format}: hidden states, CLS, mean, SPLADE and classifier logits to 1e-4`, async () => {
        const checkpoint = await readCheckpoint(join(fixtures, model), { prefer: format });
        await expectHeadsMatch(
          checkpoint.config,
          checkpoint.weights,
          readReference(`${model}/reference.json`),
        );
      });
    }
  }

  for (const precision of ['fp16', 'bf16']) {
    it(`distilbert from ${precision} safetensors matches torch on the same rounded weights`, async () => {
      const config = parseModelConfig(
        JSON.parse(readFileSync(join(fixtures, 'distilbert/config.json'), 'utf8')),
      );
      const file = join(fixtures, `distilbert/model-${precision}.safetensors`);
      const { weights } = resolveWeights(parseSafetensors(readFileSync(file)).tensors, config, file);
      await expectHeadsMatch(config, weights, readReference(`distilbert/reference-${precision}.json`));
    });
  }
});
