/** Reads a PyTorch `nn.Linear` (weight `[out, in]`, bias `[out]`) and emits it into a graph. */
import type { WeightPrecision } from '../precision/linear.js';
import { emitLinear } from '../precision/linear.js';
import type { GraphBuilder } from './graph-builder.js';
import type { WeightLookup } from './weight-lookup.js';

/** A linear layer read from the checkpoint; `weight` keeps PyTorch's `[out, in]` layout (a view, no copy). */
export interface LinearWeights {
  /** Full module name as found in the checkpoint (initializers are named `${name}.weight` / `.bias`). */
  name: string;
  /** Input features. */
  inDim: number;
  /** Output features. */
  outDim: number;
  /** Weight `[outDim, inDim]`, row-major. */
  weight: Float32Array;
  /** Bias `[outDim]`. */
  bias: Float32Array;
}

/** Reads `${module}.weight` / `${module}.bias` with the expected dims. */
export function readLinear(
  lookup: WeightLookup,
  module: string,
  inDim: number,
  outDim: number,
  relative = true,
): LinearWeights {
  const w = lookup.get(`${module}.weight`, [outDim, inDim], relative);
  const bias = lookup.get(`${module}.bias`, [outDim], relative);
  return { name: w.name.replace(/\.(weight|gamma)$/, ''), inDim, outDim, weight: w.data, bias: bias.data };
}

/** Emits `x @ W^T + b`; with `withBias: false` the bias is left for a fused op. */
export function linear(
  b: GraphBuilder,
  x: string,
  layer: LinearWeights,
  precision: WeightPrecision,
  withBias = true,
): string {
  const bias = withBias ? layer.bias : undefined;
  return emitLinear(b, x, layer.name, layer.weight, layer.inDim, layer.outDim, bias, precision);
}
