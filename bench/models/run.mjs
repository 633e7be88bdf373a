// Benchmarks of @retrievekit/models on a full-size TAS-B-shaped DistilBERT with random weights.
// Build first: pnpm --filter @retrievekit/models build; then: node bench/models/run.mjs [--quick]
// Peer for every ratio: the plain fp32 graph in onnxruntime-node, measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = join(here, '../../packages/models');
const models = await import(pathToFileURL(join(pkg, 'dist/index.js')).href);
const require = createRequire(join(pkg, 'package.json'));
const quick = process.argv.includes('--quick');
const config = models.tasbDistilBertConfig;
const seed = 20260101;
const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
const peakRss = () => process.resourceUsage().maxRSS * 1024;

// Phase run in a child process so that its peak RSS is its own.
async function memoryPhase(mode) {
  const base = peakRss();
  const t0 = performance.now();
  const weights = models.randomWeights(config, seed);
  const tWeights = performance.now() - t0;
  const weightBytes = [...weights.values()].reduce((s, t) => s + t.data.byteLength, 0);
  const afterWeights = peakRss();
  const t1 = performance.now();
  const model = models.buildTransformerModel({
    config,
    weights,
    head: { kind: 'embedding', pooling: 'cls', normalize: false },
  });
  const tBuild = performance.now() - t1;
  const t2 = performance.now();
  let bytes;
  if (mode === 'file') {
    const dir = mkdtempSync(join(tmpdir(), 'rk-bench-'));
    await models.writeModelFile(join(dir, 'model.onnx'), model);
    bytes = statSync(join(dir, 'model.onnx')).size;
    rmSync(dir, { recursive: true });
  } else {
    bytes = models.serializeModel(model).byteLength;
  }
  const tWrite = performance.now() - t2;
  const peak = peakRss();
  console.log(
    JSON.stringify({ mode, weightBytes, bytes, tWeights, tBuild, tWrite, base, afterWeights, peak }),
  );
}

if (process.argv[2] === '--memory-phase') {
  await memoryPhase(process.argv[3]);
  process.exit(0);
}

const ort = await import(pathToFileURL(require.resolve('onnxruntime-node')).href);
console.log(
  `# @retrievekit/models bench: TAS-B shape (6 x 768, 12 heads, 3072 FFN, vocab 30522), node ${process.version}`,
);

console.log('\n## Build and serialise (own process each; peak RSS above the process baseline)');
for (const mode of ['file', 'buffer']) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--memory-phase', mode], {
    encoding: 'utf8',
  });
  const r = JSON.parse(child.stdout.trim().split('\n').at(-1));
  const over = r.peak - r.base;
  console.log(
    `${mode === 'file' ? 'writeModelFile (streamed)' : 'serializeModel (one buffer)'}: weights ${mib(r.weightBytes)} MiB` +
      ` (random init ${(r.tWeights / 1000).toFixed(2)} s), build graph ${(r.tBuild / 1000).toFixed(2)} s,` +
      ` serialise ${(r.tWrite / 1000).toFixed(2)} s -> ${mib(r.bytes)} MiB;` +
      ` peak RSS +${mib(over)} MiB = ${(over / r.weightBytes).toFixed(2)}x weights` +
      ` (build+serialise alone: +${mib(r.peak - r.afterWeights)} MiB = ${((r.peak - r.afterWeights) / r.weightBytes).toFixed(2)}x)`,
  );
}

const random = (() => {
  let s = 7;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
})();
function batchFeeds(batch, length) {
  const ids = new BigInt64Array(batch * length);
  const mask = new BigInt64Array(batch * length).fill(1n);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < length; t++)
      ids[b * length + t] =
        t === 0 ? 101n : t === length - 1 ? 102n : BigInt(1000 + Math.floor(random() * 29000));
  }
  return {
    input_ids: new ort.Tensor('int64', ids, [batch, length]),
    attention_mask: new ort.Tensor('int64', mask, [batch, length]),
  };
}
const passages = batchFeeds(32, 200);
const queries = Array.from({ length: 20 }, () => batchFeeds(1, 30));
const weights = models.randomWeights(config, seed);
const head = { kind: 'embedding', pooling: 'cls', normalize: false };

function cosineMin(a, b, rows) {
  const w = a.length / rows;
  let worst = 1;
  for (let r = 0; r < rows; r++) {
    let d = 0,
      na = 0,
      nb = 0;
    for (let i = r * w; i < (r + 1) * w; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    worst = Math.min(worst, d / Math.sqrt(na * nb));
  }
  return worst;
}

async function createVariant([name, fused, precision]) {
  const model = models.buildTransformerModel({ config, weights, head, fused, precision });
  const bytes = models.serializeModel(model);
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 2 });
  const load = performance.now() - t0;
  await session.run(queries[0]);
  await session.run(batchFeeds(2, 200));
  return { name, session, fileMiB: bytes.byteLength / 2 ** 20, load, queryMs: [], passageMs: [], query: [] };
}

async function timed(session, feeds) {
  const t = performance.now();
  const out = await session.run(feeds);
  return { ms: performance.now() - t, embedding: out.sentence_embedding.data };
}

console.log(`\n## Inference, onnxruntime-node CPU, 2 intra-op threads, variants interleaved round-robin`);
console.log(
  `(load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores)`,
);
const variants = [
  ['plain fp32 (default)', false, 'fp32'],
  ['fused fp32 (com.microsoft)', true, 'fp32'],
  ['plain fp16 weights', false, 'fp16'],
  ['plain int8 (MatMulInteger)', false, 'int8'],
  ['fused int8', true, 'int8'],
];
const results = [];
for (const v of variants) results.push(await createVariant(v));
for (const feeds of queries.slice(0, quick ? 5 : 20)) {
  for (const r of results) {
    const { ms, embedding } = await timed(r.session, feeds);
    r.queryMs.push(ms);
    r.query.push(embedding);
  }
}
for (let i = 0; i < (quick ? 1 : 3); i++) {
  for (const r of results) {
    const { ms, embedding } = await timed(r.session, passages);
    r.passageMs.push(ms);
    r.passage = embedding;
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const peer = results[0];
console.log(
  '| variant | file MiB | load s | query ms (median) | vs peer | passages/s (median) | vs peer | 1 - min cos, passages | 1 - min cos, queries |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const qCos = Math.min(...r.query.map((v, i) => cosineMin(v, peer.query[i], 1)));
  const q = median(r.queryMs);
  const p = median(r.passageMs);
  console.log(
    `| ${r.name} | ${r.fileMiB.toFixed(0)} | ${(r.load / 1000).toFixed(2)} | ${q.toFixed(1)} | ${(median(peer.queryMs) / q).toFixed(2)}x |` +
      ` ${((32 * 1000) / p).toFixed(1)} | ${(median(peer.passageMs) / p).toFixed(2)}x |` +
      ` ${(1 - cosineMin(r.passage, peer.passage, 32)).toExponential(1)} | ${(1 - qCos).toExponential(1)} |`,
  );
}
for (const r of results) await r.session.release();

if (process.argv.includes('--web')) {
  const web = await import(pathToFileURL(require.resolve('onnxruntime-web')).href);
  web.env.wasm.numThreads = 1;
  console.log('\n## onnxruntime-web (wasm, 1 thread, in Node): median of 5 queries of 30 tokens');
  const webMs = [];
  for (const [name, fused] of [
    ['plain fp32', false],
    ['fused fp32', true],
  ]) {
    const model = models.buildTransformerModel({ config, weights, head, fused, precision: 'fp32' });
    const session = await web.InferenceSession.create(models.serializeModel(model));
    const ms = [];
    for (const feeds of queries.slice(0, 6)) {
      const f = {
        input_ids: new web.Tensor('int64', feeds.input_ids.data, feeds.input_ids.dims),
        attention_mask: new web.Tensor('int64', feeds.attention_mask.data, feeds.attention_mask.dims),
      };
      const t = performance.now();
      await session.run(f);
      ms.push(performance.now() - t);
    }
    webMs.push(median(ms.slice(1)));
    console.log(
      `${name}: ${webMs.at(-1).toFixed(1)} ms (${(webMs[0] / webMs.at(-1)).toFixed(2)}x vs plain fp32 on web)`,
    );
    await session.release();
  }
}
