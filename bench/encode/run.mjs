// Encoder speed on a FULL-SIZE random TAS-B-shaped DistilBERT (6 layers, 768, random weights: speed only)
// with the real TAS-B tokenizer, SciFact passages (max 200 tokens) and queries (max 30):
// @retrievekit/encoder-node vs transformers.js vs bare InferenceSession.run, latency, tokenizer vs Rust,
// int8 / fp16 variants and the worker pool, all measured in this run.
// Build first: node_modules/.bin/turbo run build --filter=@retrievekit/encoder-node...
// Run: node bench/encode/run.mjs [--passages 256] [--queries 300] [--latency 100] [--rounds 2] [--no-pool]

import { readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, pipeline } from '@huggingface/transformers';
import { createNodeRuntime, createWorkerPool, loadEncoder } from '@retrievekit/encoder-node';
import {
  buildTransformerModel,
  randomWeights,
  tasbDistilBertConfig,
  writeModelFile,
} from '@retrievekit/models';
import { createTokenizer } from '@retrievekit/tokenizer';
import * as ort from 'onnxruntime-node';
import { Tokenizer as RustTokenizer } from 'tokenizers';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '../../../shared');
const tokenizerDir = join(shared, 'models/tas-b-tokenizer-config');
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const nPassages = flag('passages', 256);
const nQueries = flag('queries', 300);
const nLatency = flag('latency', 100);
const rounds = flag('rounds', 2);
const withPool = !process.argv.includes('--no-pool');
const THREADS = 2;
const PASSAGE_MAX = 200;
const QUERY_MAX = 30;
const BATCH = 32;

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const log = (line) => console.error(`[${new Date().toISOString().slice(11, 19)} load ${load()}] ${line}`);
const readJsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
const corpus = readJsonl(join(shared, 'data/scifact/corpus.jsonl')).map((d) =>
  `${d.title ?? ''} ${d.text}`.trim(),
);
const passages = corpus.slice(0, nPassages);
const queries = readJsonl(join(shared, 'data/scifact/queries.jsonl'))
  .slice(0, nQueries)
  .map((q) => q.text);

const timed = async (run) => {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
};
const rate = (count, ms) => (count / ms) * 1000;
const maxAbsDiff = (a, b) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
};
/** Largest 1 - cosine between matching rows of two [n, dim] matrices. */
const maxCosineDrift = (a, b, dim) => {
  let worst = 0;
  for (let r = 0; r < a.length / dim; r++) {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let k = r * dim; k < (r + 1) * dim; k++) {
      dot += a[k] * b[k];
      na += a[k] * a[k];
      nb += b[k] * b[k];
    }
    worst = Math.max(worst, 1 - dot / Math.sqrt(na * nb));
  }
  return worst;
};

// --- model folders: fp32, int8, fp16 of one random TAS-B-shaped weight set -------------------------
const config = tasbDistilBertConfig;
const root = await mkdtemp(join(tmpdir(), 'rk-bench-encode-'));
// Removed on exit, also when a step throws.
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
const folderOf = (precision) => join(root, `tasb-${precision}`);
{
  const { ms } = await timed(async () => {
    const weights = randomWeights(config, 7, { biasStd: 0.02, layerNormStd: 0.1 });
    for (const precision of ['fp32', 'int8', 'fp16']) {
      const dir = folderOf(precision);
      await mkdir(join(dir, 'onnx'), { recursive: true });
      await mkdir(join(dir, '1_Pooling'));
      const model = buildTransformerModel({
        config,
        weights,
        head: { kind: 'embedding', pooling: 'cls', normalize: false },
        precision,
      });
      await writeModelFile(join(dir, 'onnx/model.onnx'), model);
      await writeFile(
        join(dir, 'config.json'),
        JSON.stringify({
          model_type: 'distilbert',
          architectures: ['DistilBertModel'],
          vocab_size: config.vocabSize,
          dim: config.hiddenSize,
          n_layers: config.numLayers,
          n_heads: config.numHeads,
          hidden_dim: config.intermediateSize,
          max_position_embeddings: config.maxPositions,
        }),
      );
      await writeFile(
        join(dir, '1_Pooling/config.json'),
        JSON.stringify({ word_embedding_dimension: config.hiddenSize, pooling_mode_cls_token: true }),
      );
      for (const file of [
        'tokenizer.json',
        'tokenizer_config.json',
        'special_tokens_map.json',
        'vocab.txt',
        'modules.json',
      ])
        await copyFile(join(tokenizerDir, file), join(dir, file));
    }
  });
  log(`wrote fp32 / int8 / fp16 model folders under ${root} in ${(ms / 1000).toFixed(1)} s`);
}

const results = {};
const nodeRuntime = () => createNodeRuntime({ intraOpNumThreads: THREADS });
const loadOurs = (dir, runtime = nodeRuntime()) =>
  loadEncoder(dir, { kind: 'dense', runtime, maxLength: { query: QUERY_MAX, passage: PASSAGE_MAX } });

/** Encodes the passages (after a warm-up on 8) and returns [ms, embeddings]. */
async function oursPassages(encoder) {
  await encoder.encodePassages(passages.slice(0, 8));
  const { ms, result } = await timed(() => encoder.encodePassages(passages));
  return [ms, result.embeddings.data];
}

// --- set-up of the three fp32 peers: ours, bare InferenceSession.run, transformers.js ---------------
const ours = await loadOurs(folderOf('fp32'));
const files = {
  tokenizerJson: JSON.parse(readFileSync(join(tokenizerDir, 'tokenizer.json'), 'utf8')),
  tokenizerConfig: JSON.parse(readFileSync(join(tokenizerDir, 'tokenizer_config.json'), 'utf8')),
};
// (3) bare: passages pre-tokenised (untimed), sorted by length, cut into batches of 32 padded to their
// own longest row, the same batches our encoder makes.
const bareFeeds = (() => {
  const batch = createTokenizer(files).encodeBatch(passages, { maxLength: PASSAGE_MAX });
  const order = Array.from({ length: passages.length }, (_, i) => i).sort(
    (a, b) => batch.lengths[b] - batch.lengths[a] || a - b,
  );
  const feeds = [];
  for (let start = 0; start < order.length; start += BATCH) {
    const rows = order.slice(start, start + BATCH);
    const seq = Math.max(...rows.map((r) => batch.lengths[r]));
    const ids = new BigInt64Array(rows.length * seq);
    const mask = new BigInt64Array(rows.length * seq);
    rows.forEach((r, k) => {
      const from = r * batch.seqLength;
      ids.set(batch.inputIds.subarray(from, from + seq), k * seq);
      mask.set(batch.attentionMask.subarray(from, from + seq), k * seq);
    });
    feeds.push({
      input_ids: new ort.Tensor('int64', ids, [rows.length, seq]),
      attention_mask: new ort.Tensor('int64', mask, [rows.length, seq]),
    });
  }
  return feeds;
})();
const bare = await ort.InferenceSession.create(join(folderOf('fp32'), 'onnx/model.onnx'), {
  intraOpNumThreads: THREADS,
});
const runBare = async (feeds) => {
  for (const feed of feeds) {
    const out = await bare.run(feed, ['sentence_embedding']);
    out.sentence_embedding.dispose();
  }
};
// (2) transformers.js feature-extraction on the same folder, batches of 32 in input order.
env.allowRemoteModels = false;
env.localModelPath = `${root}/`;
const extractor = await pipeline('feature-extraction', 'tasb-fp32', {
  dtype: 'fp32',
  session_options: { intraOpNumThreads: THREADS },
});
// Its pipeline truncates to tokenizer.model_max_length (a getter over the tokenizer config): set the
// config value to our max lengths.
const setMax = (n) => {
  extractor.tokenizer._tokenizerConfig.model_max_length = n;
};
setMax(PASSAGE_MAX);
const dims = extractor.tokenizer(passages.slice(0, BATCH), { padding: true, truncation: true }).input_ids
  .dims;
log(`transformers.js tokenizer dims on a passage batch: [${dims.join(', ')}] (max ${PASSAGE_MAX})`);
const tjs = async (texts) => {
  const out = new Float32Array(texts.length * config.hiddenSize);
  for (let s = 0; s < texts.length; s += BATCH) {
    const t = await extractor(texts.slice(s, s + BATCH), { pooling: 'cls', normalize: false });
    out.set(t.data, s * config.hiddenSize);
    t.dispose();
  }
  return out;
};
{
  // Parity on passages that fit in 200 tokens (transformers.js truncates after adding [SEP]).
  const counter = createTokenizer(files);
  const short = corpus.filter((t) => counter.encode(t).length <= PASSAGE_MAX).slice(0, 8);
  const mine = (await ours.encodePassages(short)).embeddings.data;
  results.parity = maxAbsDiff(await tjs(short), mine);
  results.parityCount = short.length;
  log(
    `transformers.js parity: max abs diff ${results.parity.toExponential(2)} over ${short.length} passages`,
  );
}

// --- (1)-(3) passages/s and queries/s: the three peers interleaved over rounds, best per peer ------
let fp32Vectors;
const times = { ours: [], bare: [], tjs: [], oursQ: [], tjsQ: [] };
await ours.encodePassages(passages.slice(0, 8));
await runBare(bareFeeds.slice(-1));
await tjs(passages.slice(0, 8));
for (let round = 0; round < rounds; round++) {
  const mine = await timed(() => ours.encodePassages(passages));
  fp32Vectors = mine.result.embeddings.data;
  times.ours.push(mine.ms);
  times.bare.push((await timed(() => runBare(bareFeeds))).ms);
  times.tjs.push((await timed(() => tjs(passages))).ms);
  times.oursQ.push((await timed(() => ours.encodeQueries(queries))).ms);
  setMax(QUERY_MAX);
  times.tjsQ.push((await timed(() => tjs(queries))).ms);
  setMax(PASSAGE_MAX);
  log(
    `round ${round + 1}/${rounds}: passages/s ours ${rate(passages.length, mine.ms).toFixed(2)}, bare ${rate(passages.length, times.bare.at(-1)).toFixed(2)}, transformers.js ${rate(passages.length, times.tjs.at(-1)).toFixed(2)}; queries/s ours ${rate(queries.length, times.oursQ.at(-1)).toFixed(1)}, transformers.js ${rate(queries.length, times.tjsQ.at(-1)).toFixed(1)}`,
  );
}
// Same-round ratios are steadier than best-of figures when other jobs load the machine: their median too.
const medianRatio = (num, den) => {
  const ratios = num.map((n, i) => den[i] / n).sort((a, b) => a - b);
  const mid = ratios.length / 2;
  return ratios.length % 2 === 1 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2;
};
results.oursOverTjsRound = medianRatio(times.ours, times.tjs);
results.bareOverOursRound = medianRatio(times.bare, times.ours);
results.oursOverTjsQRound = medianRatio(times.oursQ, times.tjsQ);
results.oursPassages = rate(passages.length, Math.min(...times.ours));
results.barePassages = rate(passages.length, Math.min(...times.bare));
results.tjsPassages = rate(passages.length, Math.min(...times.tjs));
results.oursQueries = rate(queries.length, Math.min(...times.oursQ));
results.tjsQueries = rate(queries.length, Math.min(...times.tjsQ));
await extractor.dispose();
await bare.release();

// --- (4) single-query latency ----------------------------------------------------------------------
const latencies = [];
for (const q of queries.slice(0, 5)) await ours.encodeQueries([q]);
for (const q of queries.slice(0, nLatency)) latencies.push((await timed(() => ours.encodeQueries([q]))).ms);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
results.p50 = pct(50);
results.p95 = pct(95);
log(`single-query latency p50 ${results.p50.toFixed(1)} ms p95 ${results.p95.toFixed(1)} ms`);
await ours.release();

// --- (6) int8 and fp16 variants ---------------------------------------------------------------------
for (const precision of ['int8', 'fp16']) {
  const encoder = await loadOurs(folderOf(precision));
  const [ms, vectors] = await oursPassages(encoder);
  results[precision] = {
    rate: rate(passages.length, ms),
    drift: maxCosineDrift(vectors, fp32Vectors, config.hiddenSize),
  };
  log(
    `${precision}: ${results[precision].rate.toFixed(2)} passages/s, max 1-cos ${results[precision].drift.toExponential(2)}`,
  );
  await encoder.release();
}

// --- (7) worker pool: 2 workers x 1 thread --------------------------------------------------------
if (withPool) {
  const encoder = await loadOurs(folderOf('fp32'), createWorkerPool({ workers: 2, threadsPerWorker: 1 }));
  const [ms, vectors] = await oursPassages(encoder);
  results.pool = rate(passages.length, ms);
  results.poolDiff = maxAbsDiff(vectors, fp32Vectors);
  log(
    `worker pool: ${results.pool.toFixed(2)} passages/s (max abs diff vs one session ${results.poolDiff.toExponential(2)})`,
  );
  await encoder.release();
}

// --- (5) tokenizer: ours vs Rust tokenizers on the first 1,000 SciFact passages, median of 3 --------
{
  const texts = corpus.slice(0, 1000);
  const rust = RustTokenizer.fromFile(join(tokenizerDir, 'tokenizer.json'));
  rust.setTruncation(PASSAGE_MAX);
  rust.setPadding({ maxLength: undefined });
  const median = async (run) => {
    await run();
    const times = [];
    for (let r = 0; r < 3; r++) times.push((await timed(run)).ms);
    return times.sort((a, b) => a - b)[1];
  };
  // Ours with a cold word cache: a new tokenizer per run (built outside the timed region).
  const fresh = Array.from({ length: 4 }, () => createTokenizer(files));
  const oursMs = await median(async () => {
    const tok = fresh.pop() ?? createTokenizer(files);
    tok.encodeBatch(texts, { maxLength: PASSAGE_MAX });
  });
  const rustMs = await median(async () => {
    for (const e of await rust.encodeBatch(texts)) {
      e.getIds();
      e.getAttentionMask();
      e.getTypeIds();
    }
  });
  results.tokOurs = rate(texts.length, oursMs);
  results.tokRust = rate(texts.length, rustMs);
  results.tokCount = texts.length;
  log(`tokenizer: ours ${results.tokOurs.toFixed(0)}/s, Rust ${results.tokRust.toFixed(0)}/s`);
}

// --- table -------------------------------------------------------------------------------------------
const r = results;
const status = (ok) => (ok ? 'MET' : 'NOT MET');
const rows = [
  ['(1) ours passages/s (max 200 tok, batch 32, bucketed)', r.oursPassages.toFixed(2), '', ''],
  ['(1) ours queries/s (max 30 tok)', r.oursQueries.toFixed(1), '', ''],
  ['(2) transformers.js passages/s (batch 32, input order)', r.tjsPassages.toFixed(2), '', ''],
  ['(2) transformers.js queries/s', r.tjsQueries.toFixed(1), '', ''],
  [
    '(2) ours / transformers.js passages, best-of figures',
    `x${(r.oursPassages / r.tjsPassages).toFixed(2)}`,
    '>= 1.5x',
    status(r.oursPassages / r.tjsPassages >= 1.5),
  ],
  ['(2) ours / transformers.js, queries', `x${(r.oursQueries / r.tjsQueries).toFixed(2)}`, '', ''],
  [
    `(2) parity max |diff| (${r.parityCount} passages)`,
    r.parity.toExponential(2),
    '<= 1e-4',
    status(r.parity <= 1e-4),
  ],
  [
    '(2) ours / transformers.js passages, median of same-round ratios',
    `x${r.oursOverTjsRound.toFixed(2)}`,
    '>= 1.5x',
    status(r.oursOverTjsRound >= 1.5),
  ],
  ['(2) ours / transformers.js queries, median same-round', `x${r.oursOverTjsQRound.toFixed(2)}`, '', ''],
  ['(3) bare InferenceSession.run passages/s', r.barePassages.toFixed(2), '', ''],
  [
    '(3) overhead over bare run, median of same-round ratios',
    `${((r.bareOverOursRound - 1) * 100).toFixed(1)}%`,
    '<= 10%',
    status(r.bareOverOursRound - 1 <= 0.1),
  ],
  [
    '(3) overhead over bare run, best-of figures',
    `${((r.barePassages / r.oursPassages - 1) * 100).toFixed(1)}%`,
    '<= 10%',
    status(r.barePassages / r.oursPassages - 1 <= 0.1),
  ],
  [
    `(4) single-query latency p50 (${latencies.length} queries)`,
    `${r.p50.toFixed(1)} ms`,
    '<= 10 ms',
    status(r.p50 <= 10),
  ],
  ['(4) single-query latency p95', `${r.p95.toFixed(1)} ms`, '', ''],
  [`(5) tokenizer ours texts/s (${r.tokCount} passages, cold cache)`, r.tokOurs.toFixed(0), '', ''],
  ['(5) tokenizer Rust tokenizers 0.23.2 texts/s', r.tokRust.toFixed(0), '', ''],
  [
    '(5) tokenizer ours / Rust',
    `x${(r.tokOurs / r.tokRust).toFixed(2)}`,
    '>= 0.8x',
    status(r.tokOurs / r.tokRust >= 0.8),
  ],
];
for (const p of ['int8', 'fp16']) {
  rows.push([`(6) ${p} passages/s`, r[p].rate.toFixed(2), '', '']);
  rows.push([`(6) ${p} / fp32 passages/s`, `x${(r[p].rate / r.oursPassages).toFixed(2)}`, '', '']);
  rows.push([`(6) ${p} max cosine drift (1 - cos) vs fp32`, r[p].drift.toExponential(2), '', '']);
}
if (r.pool !== undefined) {
  rows.push(['(7) worker pool 2x1 thread passages/s', r.pool.toFixed(2), '', '']);
  rows.push(['(7) pool / one session x 2 threads', `x${(r.pool / r.oursPassages).toFixed(2)}`, '', '']);
}
console.log(
  `\nNode ${process.version}, ${availableParallelism()} CPUs, onnxruntime-node ${ort.env.versions?.node ?? '1.30.0'}, load average at end ${load()}`,
);
console.log(
  `Model: random-weight TAS-B-shaped DistilBERT (6 x 768, 66M params; speed only). ${passages.length} SciFact passages, ${queries.length} queries, ${THREADS} intra-op threads; (1)-(3) best of ${rounds} interleaved rounds.`,
);
console.log(`${'measure'.padEnd(66)} ${'value'.padStart(12)}  ${'target'.padEnd(9)} status`);
for (const [name, value, target, st] of rows)
  console.log(`${name.padEnd(66)} ${value.padStart(12)}  ${target.padEnd(9)} ${st}`);
