import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { WeightMap } from '../graph/weights.js';
import { encodeSafetensors } from './encode-safetensors.js';
import { readCheckpoint } from './read-checkpoint.js';
import { parseSafetensors } from './safetensors.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'retrievekit-ckpt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function folderWith(name: string, config: unknown, weights: WeightMap): string {
  const dir = join(scratch, name);
  cpSync(join(fixtures, 'bert'), dir, {
    recursive: true,
    filter: (src) => !src.endsWith('.bin') && !src.endsWith('.safetensors'),
  });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(weights));
  return dir;
}

const bertConfig = JSON.parse(readFileSync(join(fixtures, 'bert/config.json'), 'utf8')) as Record<
  string,
  unknown
>;
const bertWeights = () => parseSafetensors(readFileSync(join(fixtures, 'bert/model.safetensors'))).tensors;

describe('readCheckpoint', () => {
  for (const model of ['distilbert', 'bert'] as const) {
    it(`reads ${model} from safetensors and from pytorch_model.bin to the same weights`, async () => {
      const fromSafetensors = await readCheckpoint(join(fixtures, model));
      const fromPytorch = await readCheckpoint(join(fixtures, model), { prefer: 'pytorch' });
      expect(fromSafetensors.source).toEqual({ format: 'safetensors', files: ['model.safetensors'] });
      expect(fromPytorch.source.format).toBe('pytorch');
      expect(fromSafetensors.config.modelType).toBe(model);
      expect(fromSafetensors.config.hiddenSize).toBe(32);
      expect(fromSafetensors.heads).toEqual({ mlm: true, classifierLabels: 1 });
      expect([...fromSafetensors.weights.keys()].sort()).toEqual([...fromPytorch.weights.keys()].sort());
      for (const [name, tensor] of fromPytorch.weights) {
        expect(fromSafetensors.weights.get(name)?.data, name).toEqual(tensor.data);
      }
    });
  }

  it('fills the tied MLM projection from the word embeddings', async () => {
    const { weights } = await readCheckpoint(join(fixtures, 'distilbert'));
    expect(weights.get('vocab_projector.weight')?.data).toEqual(
      weights.get('distilbert.embeddings.word_embeddings.weight')?.data,
    );
  });

  it('maps prefix-less names and legacy LayerNorm gamma/beta to canonical names', async () => {
    const renamed: WeightMap = new Map();
    for (const [name, tensor] of bertWeights()) {
      const key = name
        .replace(/^bert\./, '')
        .replace(/LayerNorm\.weight$/, 'LayerNorm.gamma')
        .replace(/LayerNorm\.bias$/, 'LayerNorm.beta');
      renamed.set(key, tensor);
    }
    expect(renamed.has('encoder.layer.0.attention.output.LayerNorm.gamma')).toBe(true);
    const dir = folderWith('legacy', bertConfig, renamed);
    const canonical = await readCheckpoint(join(fixtures, 'bert'));
    const legacy = await readCheckpoint(dir);
    expect([...legacy.weights.keys()].sort()).toEqual([...canonical.weights.keys()].sort());
    expect(legacy.weights.get('bert.encoder.layer.1.output.LayerNorm.bias')?.data).toEqual(
      canonical.weights.get('bert.encoder.layer.1.output.LayerNorm.bias')?.data,
    );
  });

  it('lists every missing tensor', async () => {
    const weights = bertWeights();
    weights.delete('bert.encoder.layer.1.attention.self.key.weight');
    weights.delete('cls.predictions.transform.LayerNorm.bias');
    const dir = folderWith('missing', bertConfig, weights);
    await expect(readCheckpoint(dir)).rejects.toThrow(
      /2 missing tensor\(s\): bert\.encoder\.layer\.1\.attention\.self\.key\.weight, cls\.predictions\.transform\.LayerNorm\.bias/,
    );
  });

  it('reports shapes that disagree with the config', async () => {
    const dir = folderWith('shape', { ...bertConfig, intermediate_size: 48 }, bertWeights());
    await expect(readCheckpoint(dir)).rejects.toThrow(
      /bert\.encoder\.layer\.0\.intermediate\.dense\.weight is \[64, 32\], expected \[48, 32\]/,
    );
  });

  it('refuses an unknown architecture and names it', async () => {
    const dir = folderWith(
      'roberta',
      { ...bertConfig, model_type: 'roberta', architectures: ['RobertaModel'] },
      bertWeights(),
    );
    await expect(readCheckpoint(dir)).rejects.toThrow(
      /unknown architecture: model_type "roberta".*supported model types: distilbert/,
    );
  });

  it('says which weight files it looked for', async () => {
    const dir = join(scratch, 'empty');
    cpSync(join(fixtures, 'bert/config.json'), join(dir, 'config.json'));
    await expect(readCheckpoint(dir)).rejects.toThrow(
      /no weight file in the folder \(looked for model\.safetensors, model\.safetensors\.index\.json, pytorch_model\.bin/,
    );
  });
});
