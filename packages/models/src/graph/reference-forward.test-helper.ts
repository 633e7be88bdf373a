/**
 * Test-only float64 reference of HF DistilBERT / BERT forward passes (modeling_distilbert.py,
 * modeling_bert.py), written independently of the graph builders: one sequence at a time, no padding,
 * plain loops. Heads follow sentence-transformers pooling, SPLADE (log(1 + relu) max) and HF
 * sequence classification.
 */
import type { TransformerConfig } from './transformer-config.js';
import type { WeightMap } from './weights.js';

type Matrix = { rows: number; cols: number; data: Float64Array };

function param(weights: WeightMap, names: string[]): Float64Array {
  for (const n of names) {
    const t = weights.get(n);
    if (t) return Float64Array.from(t.data as Float32Array);
  }
  throw new Error(`reference: missing ${names.join(' | ')}`);
}

/** erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (2n+1)!!  (all-positive series, no cancellation). */
export function erf(x: number): number {
  if (Math.abs(x) > 6) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));

function linear(x: Matrix, w: Float64Array, b: Float64Array, out: number): Matrix {
  const data = new Float64Array(x.rows * out);
  for (let r = 0; r < x.rows; r++) {
    for (let o = 0; o < out; o++) {
      let s = b[o] ?? 0;
      for (let i = 0; i < x.cols; i++) s += (x.data[r * x.cols + i] ?? 0) * (w[o * x.cols + i] ?? 0);
      data[r * out + o] = s;
    }
  }
  return { rows: x.rows, cols: out, data };
}

function map(x: Matrix, f: (v: number) => number): Matrix {
  return { ...x, data: x.data.map(f) };
}

function addM(a: Matrix, b: Matrix): Matrix {
  return { ...a, data: a.data.map((v, i) => v + (b.data[i] ?? 0)) };
}

function layerNorm(x: Matrix, g: Float64Array, b: Float64Array, eps: number): Matrix {
  const data = new Float64Array(x.data.length);
  for (let r = 0; r < x.rows; r++) {
    const row = x.data.subarray(r * x.cols, (r + 1) * x.cols);
    const mean = row.reduce((s, v) => s + v, 0) / x.cols;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / x.cols;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let c = 0; c < x.cols; c++)
      data[r * x.cols + c] = ((row[c] ?? 0) - mean) * inv * (g[c] ?? 0) + (b[c] ?? 0);
  }
  return { ...x, data };
}

/** Hidden states `[L, H]` of one unpadded sequence. */
export function referenceEncoder(
  config: TransformerConfig,
  weights: WeightMap,
  ids: readonly number[],
  typeIds: readonly number[] = [],
): Matrix {
  const h = config.hiddenSize;
  const p = (n: string) => param(weights, [`${config.architecture}.${n}`, n]);
  const word = p('embeddings.word_embeddings.weight');
  const pos = p('embeddings.position_embeddings.weight');
  const types = config.architecture === 'bert' ? p('embeddings.token_type_embeddings.weight') : undefined;
  const L = ids.length;
  let x: Matrix = { rows: L, cols: h, data: new Float64Array(L * h) };
  for (let t = 0; t < L; t++) {
    for (let c = 0; c < h; c++) {
      let v = (word[(ids[t] ?? 0) * h + c] ?? 0) + (pos[t * h + c] ?? 0);
      if (types) v += types[(typeIds[t] ?? 0) * h + c] ?? 0;
      x.data[t * h + c] = v;
    }
  }
  x = layerNorm(x, p('embeddings.LayerNorm.weight'), p('embeddings.LayerNorm.bias'), config.layerNormEps);
  const heads = config.numHeads;
  const dh = h / heads;
  for (let i = 0; i < config.numLayers; i++) {
    const d = config.architecture === 'distilbert';
    const pre = d ? `transformer.layer.${i}.` : `encoder.layer.${i}.`;
    const lin = (m: string, input: Matrix, out: number) =>
      linear(input, p(`${pre}${m}.weight`), p(`${pre}${m}.bias`), out);
    const q = lin(d ? 'attention.q_lin' : 'attention.self.query', x, h);
    const k = lin(d ? 'attention.k_lin' : 'attention.self.key', x, h);
    const v = lin(d ? 'attention.v_lin' : 'attention.self.value', x, h);
    const ctx: Matrix = { rows: L, cols: h, data: new Float64Array(L * h) };
    for (let hd = 0; hd < heads; hd++) {
      for (let a = 0; a < L; a++) {
        const scores = new Float64Array(L);
        for (let bb = 0; bb < L; bb++) {
          let s = 0;
          for (let c = 0; c < dh; c++)
            s += (q.data[a * h + hd * dh + c] ?? 0) * (k.data[bb * h + hd * dh + c] ?? 0);
          scores[bb] = s / Math.sqrt(dh);
        }
        const m = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - m));
        const z = e.reduce((s, w) => s + w, 0);
        for (let c = 0; c < dh; c++) {
          let s = 0;
          for (let bb = 0; bb < L; bb++) s += ((e[bb] ?? 0) / z) * (v.data[bb * h + hd * dh + c] ?? 0);
          ctx.data[a * h + hd * dh + c] = s;
        }
      }
    }
    const o = lin(d ? 'attention.out_lin' : 'attention.output.dense', ctx, h);
    const n1 = d ? 'sa_layer_norm' : 'attention.output.LayerNorm';
    const x1 = layerNorm(addM(o, x), p(`${pre}${n1}.weight`), p(`${pre}${n1}.bias`), config.layerNormEps);
    const f = lin(
      d ? 'ffn.lin2' : 'output.dense',
      map(lin(d ? 'ffn.lin1' : 'intermediate.dense', x1, config.intermediateSize), gelu),
      h,
    );
    const n2 = d ? 'output_layer_norm' : 'output.LayerNorm';
    x = layerNorm(addM(f, x1), p(`${pre}${n2}.weight`), p(`${pre}${n2}.bias`), config.layerNormEps);
  }
  return x;
}

/** sentence-transformers pooling of `[L, H]` states (all tokens valid) plus optional L2 normalisation. */
export function referencePool(x: Matrix, mode: 'cls' | 'mean' | 'max', normalize: boolean): Float64Array {
  const out = new Float64Array(x.cols);
  for (let c = 0; c < x.cols; c++) {
    const column = Array.from({ length: x.rows }, (_, r) => x.data[r * x.cols + c] ?? 0);
    out[c] =
      mode === 'cls'
        ? (column[0] ?? 0)
        : mode === 'mean'
          ? column.reduce((s, v) => s + v, 0) / x.rows
          : Math.max(...column);
  }
  if (!normalize) return out;
  const norm = Math.sqrt(out.reduce((s, v) => s + v * v, 0));
  return out.map((v) => v / Math.max(norm, 1e-12));
}

/** SPLADE vector `[V]`: MLM logits, then max over tokens of log(1 + relu). */
export function referenceSplade(config: TransformerConfig, weights: WeightMap, x: Matrix): Float64Array {
  const d = config.architecture === 'distilbert';
  const h = config.hiddenSize;
  const g = (n: string) => param(weights, [n]);
  const tName = d ? 'vocab_transform' : 'cls.predictions.transform.dense';
  const nName = d ? 'vocab_layer_norm' : 'cls.predictions.transform.LayerNorm';
  const t = layerNorm(
    map(linear(x, g(`${tName}.weight`), g(`${tName}.bias`), h), gelu),
    g(`${nName}.weight`),
    g(`${nName}.bias`),
    config.layerNormEps,
  );
  const word = param(weights, [
    `${config.architecture}.embeddings.word_embeddings.weight`,
    'embeddings.word_embeddings.weight',
  ]);
  const bias = param(
    weights,
    d ? ['vocab_projector.bias'] : ['cls.predictions.bias', 'cls.predictions.decoder.bias'],
  );
  const logits = linear(t, word, bias, config.vocabSize);
  const out = new Float64Array(config.vocabSize);
  for (let r = 0; r < logits.rows; r++) {
    for (let v = 0; v < config.vocabSize; v++) {
      const s = Math.log1p(Math.max(0, logits.data[r * config.vocabSize + v] ?? 0));
      if (s > (out[v] ?? 0)) out[v] = s;
    }
  }
  return out;
}

/** Sequence-classification logits from the first token's state. */
export function referenceClassifier(config: TransformerConfig, weights: WeightMap, x: Matrix): Float64Array {
  const h = config.hiddenSize;
  const first: Matrix = { rows: 1, cols: h, data: x.data.slice(0, h) };
  const g = (names: string[]) => param(weights, names);
  const labels = (weights.get('classifier.bias')?.shape[0] ?? 1) as number;
  const pooled =
    config.architecture === 'distilbert'
      ? map(linear(first, g(['pre_classifier.weight']), g(['pre_classifier.bias']), h), (v) => Math.max(0, v))
      : map(
          linear(
            first,
            g(['bert.pooler.dense.weight', 'pooler.dense.weight']),
            g(['bert.pooler.dense.bias', 'pooler.dense.bias']),
            h,
          ),
          Math.tanh,
        );
  return linear(pooled, g(['classifier.weight']), g(['classifier.bias']), labels).data;
}
