import { describe, expect, it } from 'vitest';
import { chooseWeights } from './choose-files.js';

describe('chooseWeights', () => {
  it('prefers onnx/model.onnx, then model.onnx, and keeps external data', () => {
    expect(
      chooseWeights(['model.onnx', 'onnx/model.onnx', 'onnx/model.onnx_data', 'model.safetensors']),
    ).toEqual({
      path: 'onnx/model.onnx',
      format: 'onnx',
      needsConversion: false,
      companions: ['onnx/model.onnx_data'],
    });
    expect(chooseWeights(['model.onnx', 'pytorch_model.bin'])?.path).toBe('model.onnx');
  });

  it('falls back to pytorch_model.bin, flagged for conversion, and lists shards', () => {
    expect(chooseWeights(['pytorch_model.bin', 'vocab.txt'])).toMatchObject({
      format: 'pytorch',
      needsConversion: true,
    });
    const sharded = chooseWeights([
      'model.safetensors.index.json',
      'model-00001-of-00002.safetensors',
      'model-00002-of-00002.safetensors',
    ]);
    expect(sharded?.companions).toEqual([
      'model-00001-of-00002.safetensors',
      'model-00002-of-00002.safetensors',
    ]);
    expect(chooseWeights(['README.md'])).toBeUndefined();
  });
});
