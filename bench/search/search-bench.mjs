// Exact top-k search: @retrievekit/store-memory (f32 / f16 / int8) against usearch's exactSearch and
// hnswlib-node's BruteforceSearch, measured in the same run, plus the machine's limits (memory
// bandwidth by memcpy, the SIMD kernel on cache-resident data).
//
//   pnpm --filter @retrievekit/store-memory build && pnpm --filter @retrievekit/test-utils build
//   node bench/search/search-bench.mjs [--rows 100000] [--queries 1000] [--dim 768] [--threads 1]
//
// Prints queries/s for top-10 and top-1000, ratios against each peer, bytes per vector, save and
// open (load) times of a persisted index. Best of --reps runs (default 2) per measurement.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMemoryStore, openMemoryStore } from '@retrievekit/store-memory';
import { clusteredVectors } from '@retrievekit/test-utils';

const { values: args } = parseArgs({
  options: Object.fromEntries(
    ['rows', 'queries', 'dim', 'threads', 'reps', 'hnswlib'].map((name) => [name, { type: 'string' }]),
  ),
});
const rows = Number(args.rows ?? 100_000);
const nQueries = Number(args.queries ?? 1000);
const dim = Number(args.dim ?? 768);
const threads = Number(args.threads ?? 1);
const reps = Number(args.reps ?? 2);
const skipHnswlib = args.hnswlib === 'off';

// Peers are optional: they are native packages whose install scripts pnpm refuses unless the root
// pnpm-workspace.yaml lists them in allowBuilds (see README). Missing peers are reported and skipped.
async function optionalImport(name) {
  try {
    return await import(name);
  } catch (error) {
    console.log(`peer ${name} is not installed (${error.code ?? error.message}); skipped, see README`);
    return undefined;
  }
}
const usearch = await optionalImport('usearch');
const hnswlib = (await optionalImport('hnswlib-node'))?.default;

function best(fn) {
  let bestSeconds = Number.POSITIVE_INFINITY;
  let result;
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    result = fn();
    bestSeconds = Math.min(bestSeconds, (performance.now() - start) / 1000);
  }
  return { seconds: bestSeconds, result };
}
async function bestAsync(fn) {
  let bestSeconds = Number.POSITIVE_INFINITY;
  let result;
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    result = await fn();
    bestSeconds = Math.min(bestSeconds, (performance.now() - start) / 1000);
  }
  return { seconds: bestSeconds, result };
}
const fmt = (x, digits = 1) => x.toFixed(digits);

console.log(
  `# exact search bench: ${rows} x ${dim} corpus, ${nQueries} queries, inner product, peers with ${threads} thread(s)`,
);
let start = performance.now();
const corpus = clusteredVectors({ rows, dim, seed: 1 });
const queries = clusteredVectors({ rows: nQueries, dim, seed: 2 });
const ids = Array.from({ length: rows }, (_, i) => `doc-${i}`);
console.log(`generated in ${fmt((performance.now() - start) / 1000, 2)} s`);

// Physical limits.
const big = new Uint8Array(corpus.data.buffer);
const copy = new Uint8Array(big.length);
copy.set(big); // fault the pages in before timing
const memcpy = best(() => copy.set(big));
const bandwidth = (2 * big.length) / memcpy.seconds / 1e9;
console.log(`memcpy bandwidth: ${fmt(bandwidth)} GB/s (read+write of ${fmt(big.length / 1e6, 0)} MB)`);
console.log(
  `  -> a one-query-at-a-time f32 scan (reads every vector per query) is bounded by ${fmt((bandwidth * 1e9) / (rows * dim * 4))} queries/s`,
);

const flops = (q) => 2 * rows * q * dim;
const table = [];
const topIds = {};
const configs = [
  { label: 'f32', options: { storage: 'f32' }, ks: [10, 1000] },
  { label: 'f16', options: { storage: 'f16' }, ks: [10, 1000] },
  { label: 'int8', options: { storage: 'int8' }, ks: [10, 1000] },
  // Exact rescoring of the best 10k candidates from the on-disk f32 copy (k = 10 only: at k = 1000 the
  // default 10k candidates per query mean 10 million positioned reads).
  { label: 'int8+rescore', options: { storage: 'int8', rescore: {} }, ks: [10] },
];
for (const { label: storage, options, ks } of configs) {
  const store = createMemoryStore({ dim, ...options });
  start = performance.now();
  await store.add({ ids, vectors: corpus });
  const addSeconds = (performance.now() - start) / 1000;
  for (const k of ks) {
    const { seconds, result } = await bestAsync(() => store.search(queries, { k }));
    topIds[`${storage}-${k}`] = result.map((r) => r.ids);
    table.push({
      engine: `store-memory ${storage}, 1 thread`,
      k,
      qps: nQueries / seconds,
      gflops: flops(nQueries) / seconds / 1e9,
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'bench-search-'));
  start = performance.now();
  await store.save(dir);
  const saveSeconds = (performance.now() - start) / 1000;
  const load = await bestAsync(() => openMemoryStore(dir));
  await load.result.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  console.log(
    `store-memory ${storage}: ${store.bytesPerVector} bytes/vector in memory, add ${fmt(addSeconds, 2)} s, save ${fmt(saveSeconds, 2)} s, open (verify sha256 + load) ${fmt(load.seconds, 2)} s`,
  );
}

// Peers. usearch: exactSearch (SIMD, multi-threaded when threads > 1); returns keys = row numbers.
for (const usearchThreads of usearch === undefined ? [] : [...new Set([threads, 2])]) {
  for (const k of [10, 1000]) {
    const { seconds, result } = best(() =>
      usearch.exactSearch(corpus.data, queries.data, dim, k, usearch.MetricKind.IP, usearchThreads),
    );
    const keys = result.keys;
    topIds[`usearch-${k}`] = Array.from({ length: nQueries }, (_, q) =>
      Array.from(keys.subarray(q * k, (q + 1) * k), (key) => `doc-${key}`),
    );
    const engine = `usearch exactSearch, ${usearchThreads} thread${usearchThreads > 1 ? 's' : ''}`;
    table.push({ engine, k, qps: nQueries / seconds, gflops: flops(nQueries) / seconds / 1e9 });
  }
}
if (!skipHnswlib && hnswlib !== undefined) {
  const brute = new hnswlib.BruteforceSearch('ip', dim);
  brute.initIndex(rows);
  start = performance.now();
  for (let i = 0; i < rows; i++) brute.addPoint(Array.from(corpus.data.subarray(i * dim, (i + 1) * dim)), i);
  console.log(`hnswlib-node BruteforceSearch add: ${fmt((performance.now() - start) / 1000, 2)} s`);
  const queryArrays = Array.from({ length: nQueries }, (_, q) =>
    Array.from(queries.data.subarray(q * dim, (q + 1) * dim)),
  );
  for (const k of [10, 1000]) {
    const { seconds, result } = best(() => queryArrays.map((query) => brute.searchKnn(query, k)));
    topIds[`hnswlib-${k}`] = result.map((r) => r.neighbors.map((n) => `doc-${n}`));
    table.push({
      engine: 'hnswlib-node brute force, 1 thread',
      k,
      qps: nQueries / seconds,
      gflops: flops(nQueries) / seconds / 1e9,
    });
  }
}

const overlap = (a, b) => {
  let hits = 0;
  let total = 0;
  a.forEach((list, q) => {
    const other = new Set(b[q]);
    hits += list.filter((id) => other.has(id)).length;
    total += list.length;
  });
  return hits / total;
};
console.log(
  '\n| engine | k | queries/s | GFLOP/s | store-memory f32 vs it | top-k overlap with store-memory f32 |',
);
console.log('|---|---|---|---|---|---|');
for (const row of table) {
  const ours = table.find((r) => r.engine === 'store-memory f32, 1 thread' && r.k === row.k);
  const key = row.engine.startsWith('store-memory')
    ? `${row.engine.split(/[ ,]+/)[1]}-${row.k}`
    : `${row.engine.split(/[ -]/)[0]}-${row.k}`;
  const agreement = topIds[key] ? overlap(topIds[`f32-${row.k}`], topIds[key]) : Number.NaN;
  console.log(
    `| ${row.engine} | ${row.k} | ${fmt(row.qps)} | ${fmt(row.gflops, 2)} | ${fmt(ours.qps / row.qps, 2)}x | ${fmt(agreement, 4)} |`,
  );
}
