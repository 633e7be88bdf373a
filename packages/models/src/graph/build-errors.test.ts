import { RetrievekitError } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { buildTransformerModel } from './build-transformer.js';
import { randomWeights } from './random-weights.js';
import { tinyBertConfig, tinyDistilBertConfig } from './transformer-config.js';

const head = { kind: 'embedding', pooling: 'cls', normalize: false } as const;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('graph builder input checks', () => {
  const weights = randomWeights(tinyDistilBertConfig, 1);

  it('names a missing weight', () => {
    const partial = new Map(weights);
    partial.delete('distilbert.transformer.layer.1.ffn.lin2.weight');
    const error = thrown(() =>
      buildTransformerModel({ config: tinyDistilBertConfig, weights: partial, head }),
    );
    expect(RetrievekitError.hasCode(error, 'NOT_FOUND')).toBe(true);
    expect(String(error)).toContain('weight "distilbert.transformer.layer.1.ffn.lin2.weight" is missing');
  });

  it('names a weight whose shape does not match the config', () => {
    const config = { ...tinyDistilBertConfig, intermediateSize: 48 };
    const error = thrown(() => buildTransformerModel({ config, weights, head }));
    expect(RetrievekitError.hasCode(error, 'DIMENSION_MISMATCH')).toBe(true);
    expect(String(error)).toContain(
      'weight "distilbert.transformer.layer.0.ffn.lin1.weight" has shape [64, 32], expected [48, 32]',
    );
  });

  it('rejects a config whose heads do not divide the hidden size', () => {
    const config = { ...tinyDistilBertConfig, numHeads: 3 };
    expect(() => buildTransformerModel({ config, weights, head })).toThrow(
      'field "numHeads": hiddenSize 32 is not divisible by numHeads 3',
    );
  });

  it('asks for a classifier checkpoint when classifier weights are absent', () => {
    const encoderOnly = new Map([...weights].filter(([name]) => !name.startsWith('classifier')));
    expect(() =>
      buildTransformerModel({
        config: tinyDistilBertConfig,
        weights: encoderOnly,
        head: { kind: 'classifier' },
      }),
    ).toThrow(
      'weight "classifier.weight" is missing (a classifier head needs a sequence-classification checkpoint)',
    );
  });

  it('accepts checkpoints without the model prefix, with gamma/beta LayerNorm names and float16 weights', () => {
    const bare = randomWeights(tinyBertConfig, 2, { prefix: false });
    const renamed = new Map(
      [...bare].map(([name, t]) => [
        name.replace('embeddings.LayerNorm.weight', 'embeddings.LayerNorm.gamma'),
        t,
      ]),
    );
    const word = renamed.get('embeddings.word_embeddings.weight');
    if (!word) throw new Error('missing');
    renamed.set('embeddings.word_embeddings.weight', {
      ...word,
      dtype: 'float16',
      data: new Uint16Array(word.data.length),
    });
    const model = buildTransformerModel({ config: tinyBertConfig, weights: renamed, head });
    const names = model.initializers.map((t) => t.name);
    expect(names).toContain('embeddings.LayerNorm.gamma');
    expect(names).toContain('encoder.layer.1.output.dense.weight');
  });

  it('rejects integer weights where floats are needed', () => {
    const bad = new Map(weights);
    bad.set('distilbert.embeddings.LayerNorm.bias', { dtype: 'int8', shape: [32], data: new Int8Array(32) });
    expect(() => buildTransformerModel({ config: tinyDistilBertConfig, weights: bad, head })).toThrow(
      'weight "distilbert.embeddings.LayerNorm.bias" has dtype int8; expected a float tensor',
    );
  });
});
