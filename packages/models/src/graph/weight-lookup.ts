/**
 * Finds Hugging Face parameters in a {@link WeightMap}, tolerating the optional model prefix
 * (`distilbert.` / `bert.`) and old `gamma`/`beta` LayerNorm names, and returns them as float32.
 */
import { RetrievekitError } from '@retrievekit/core';
import { bfloat16BitsToFloat32, float16BitsToFloat32 } from '../precision/float16.js';
import type { TransformerConfig } from './transformer-config.js';
import type { WeightMap, WeightTensor } from './weights.js';

/** A float32 matrix or vector read from the weight map. */
export interface FloatWeight {
  /** The HF name it was found under. */
  name: string;
  /** Dimensions as stored (PyTorch layout). */
  shape: readonly number[];
  /** Elements, row-major. */
  data: Float32Array;
}

function toFloat32(tensor: WeightTensor, name: string): Float32Array {
  const { dtype, data } = tensor;
  if (dtype === 'float32' && data instanceof Float32Array) return data;
  if (dtype === 'float16' && data instanceof Uint16Array) return float16BitsToFloat32(data);
  if (dtype === 'bfloat16' && data instanceof Uint16Array) return bfloat16BitsToFloat32(data);
  throw new RetrievekitError('UNSUPPORTED', `weight "${name}" has dtype ${dtype}; expected a float tensor`, {
    where: { field: name },
    hint: 'float32, float16 and bfloat16 weights are supported',
  });
}

/** Resolves names relative to the architecture's model prefix. */
export class WeightLookup {
  private readonly prefix: string;

  constructor(
    private readonly weights: WeightMap,
    config: TransformerConfig,
  ) {
    const prefix = `${config.architecture}.`;
    this.prefix = weights.has(`${prefix}embeddings.word_embeddings.weight`) ? prefix : '';
  }

  private find(name: string, relative: boolean): { key: string; tensor: WeightTensor } | undefined {
    const bases = relative ? [`${this.prefix}${name}`] : [name];
    const candidates = bases.flatMap((b) => [
      b,
      b.replace(/\.weight$/, '.gamma'),
      b.replace(/\.bias$/, '.beta'),
    ]);
    for (const key of candidates) {
      const tensor = this.weights.get(key);
      if (tensor) return { key, tensor };
    }
    return undefined;
  }

  /** True when the parameter exists. `relative` names get the model prefix. */
  has(name: string, relative = true): boolean {
    return this.find(name, relative) !== undefined;
  }

  /** The stored shape of a parameter, or undefined when it is missing. */
  shapeOf(name: string, relative = true): readonly number[] | undefined {
    return this.find(name, relative)?.tensor.shape;
  }

  /** Reads a parameter and checks its shape; throws `NOT_FOUND` / `DIMENSION_MISMATCH` naming it. */
  get(name: string, shape: readonly number[], relative = true): FloatWeight {
    const found = this.find(name, relative);
    const fullName = relative ? `${this.prefix}${name}` : name;
    if (!found) {
      throw new RetrievekitError('NOT_FOUND', `weight "${fullName}" is missing`, {
        where: { field: fullName },
        hint: 'check the checkpoint matches the architecture and head you asked for',
      });
    }
    const { key, tensor } = found;
    if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
      throw new RetrievekitError(
        'DIMENSION_MISMATCH',
        `weight "${key}" has shape [${tensor.shape.join(', ')}], expected [${shape.join(', ')}]`,
        { where: { field: key }, hint: 'the config does not match the checkpoint' },
      );
    }
    return { name: key, shape: tensor.shape, data: toFloat32(tensor, key) };
  }
}
