/**
 * One transformer encoder layer (post-LayerNorm, as in BERT and DistilBERT), in plain opset-17 ops or
 * with onnxruntime contrib ops (Attention, SkipLayerNormalization, BiasGelu).
 */
import type { WeightPrecision } from '../precision/linear.js';
import { emitTransposedWeight } from '../precision/linear.js';
import { attr, type GraphBuilder } from './graph-builder.js';
import { layerNames } from './layer-names.js';
import { type LinearWeights, linear, readLinear } from './linear-weights.js';
import type { TransformerConfig } from './transformer-config.js';
import type { WeightLookup } from './weight-lookup.js';

/** Per-graph tensors every layer uses. */
export interface LayerContext {
  /** The graph being built. */
  b: GraphBuilder;
  /** Where the weights come from. */
  lookup: WeightLookup;
  /** Architecture hyper-parameters. */
  config: TransformerConfig;
  /** Storage precision of the linear weights. */
  precision: WeightPrecision;
  /** Plain mode: additive mask `[B, 1, 1, L]` (0 for tokens, -1e9 for padding). */
  maskBias: string;
  /** Fused mode: the attention mask as int32 `[B, L]`. */
  maskInt32: string;
}

function layerNormParams(ctx: LayerContext, module: string): [string, string] {
  const h = ctx.config.hiddenSize;
  const gamma = ctx.lookup.get(`${module}.weight`, [h]);
  const beta = ctx.lookup.get(`${module}.bias`, [h]);
  return [
    ctx.b.initializer({ name: gamma.name, elementType: 'float', dims: [h], data: gamma.data }),
    ctx.b.initializer({ name: beta.name, elementType: 'float', dims: [h], data: beta.data }),
  ];
}

function plainAttention(
  ctx: LayerContext,
  x: string,
  q: LinearWeights,
  k: LinearWeights,
  v: LinearWeights,
): string {
  const { b, config, precision } = ctx;
  const heads = config.numHeads;
  const headDim = config.hiddenSize / heads;
  const split = (t: string, perm: number[]) => b.transpose(b.reshape(t, [0, 0, heads, headDim]), perm);
  const query = b.mul(
    split(linear(b, x, q, precision), [0, 2, 1, 3]),
    b.constFloat([1 / Math.sqrt(headDim)], []),
  );
  const key = split(linear(b, x, k, precision), [0, 2, 3, 1]);
  const value = split(linear(b, x, v, precision), [0, 2, 1, 3]);
  const probs = b.softmax(b.add(b.matmul(query, key), ctx.maskBias), -1);
  return b.reshape(b.transpose(b.matmul(probs, value), [0, 2, 1, 3]), [0, 0, config.hiddenSize]);
}

function fusedAttention(
  ctx: LayerContext,
  x: string,
  q: LinearWeights,
  k: LinearWeights,
  v: LinearWeights,
): string {
  const { b, config } = ctx;
  const h = config.hiddenSize;
  const qkv = new Float32Array(3 * h * h);
  qkv.set(q.weight, 0);
  qkv.set(k.weight, h * h);
  qkv.set(v.weight, 2 * h * h);
  const bias = new Float32Array(3 * h);
  bias.set(q.bias, 0);
  bias.set(k.bias, h);
  bias.set(v.bias, 2 * h);
  const weight = emitTransposedWeight(b, `${q.name}.qkv.weight`, qkv, 3 * h, h, ctx.precision);
  const biasName = b.initializer({
    name: `${q.name}.qkv.bias`,
    elementType: 'float',
    dims: [3 * h],
    data: bias,
  });
  return b.op(
    'Attention',
    [x, weight, biasName, ctx.maskInt32],
    { num_heads: attr.int(config.numHeads) },
    {
      domain: 'com.microsoft',
    },
  );
}

function skipLayerNorm(
  ctx: LayerContext,
  x: string,
  skip: string,
  bias: Float32Array,
  module: string,
): string {
  const [gamma, beta] = layerNormParams(ctx, module);
  const h = ctx.config.hiddenSize;
  const biasName = ctx.b.initializer({
    name: `${module}.skip_bias`,
    elementType: 'float',
    dims: [h],
    data: bias,
  });
  return ctx.b.op(
    'SkipLayerNormalization',
    [x, skip, gamma, beta, biasName],
    {
      epsilon: attr.float(ctx.config.layerNormEps),
    },
    { domain: 'com.microsoft' },
  );
}

/** Emits layer `i` on hidden states `x` (`[B, L, H]`) and returns the layer output. */
export function encoderLayer(ctx: LayerContext, x: string, i: number, fused: boolean): string {
  const { b, lookup, config, precision } = ctx;
  const h = config.hiddenSize;
  const names = layerNames(config, i);
  const q = readLinear(lookup, names.query, h, h);
  const k = readLinear(lookup, names.key, h, h);
  const v = readLinear(lookup, names.value, h, h);
  const o = readLinear(lookup, names.attentionOutput, h, h);
  const ffnIn = readLinear(lookup, names.ffnIn, h, config.intermediateSize);
  const ffnOut = readLinear(lookup, names.ffnOut, config.intermediateSize, h);
  const eps = config.layerNormEps;
  if (fused) {
    const attended = linear(b, fusedAttention(ctx, x, q, k, v), o, precision, false);
    const h1 = skipLayerNorm(ctx, attended, x, o.bias, names.attentionNorm);
    const inner = b.initializer({
      name: `${ffnIn.name}.gelu_bias`,
      elementType: 'float',
      dims: [config.intermediateSize],
      data: ffnIn.bias,
    });
    const act = b.op(
      'BiasGelu',
      [linear(b, h1, ffnIn, precision, false), inner],
      {},
      { domain: 'com.microsoft' },
    );
    return skipLayerNorm(ctx, linear(b, act, ffnOut, precision, false), h1, ffnOut.bias, names.outputNorm);
  }
  const attended = linear(b, plainAttention(ctx, x, q, k, v), o, precision);
  const h1 = b.layerNorm(b.add(attended, x), ...layerNormParams(ctx, names.attentionNorm), eps);
  const ffn = linear(b, b.gelu(linear(b, h1, ffnIn, precision)), ffnOut, precision);
  return b.layerNorm(b.add(ffn, h1), ...layerNormParams(ctx, names.outputNorm), eps);
}
