// Approximate top-10 search: @retrievekit/store-hnsw (usearch HNSW + exact float32 re-scoring) against
// hnswlib-node's HierarchicalNSW on the same clustered vectors, inner product, same M and efConstruction.
// Sweeps efSearch; recall@10 is measured against the exact top-10 of @retrievekit/store-memory (f32).
//
//   pnpm --filter @retrievekit/store-memory build && pnpm --filter @retrievekit/test-utils build
//   pnpm --filter @retrievekit/store-hnsw build
//   node bench/search/hnsw-bench.mjs [--rows 100000] [--queries 1000] [--dim 768] [--m 16] [--efc 128]
//                                    [--ef 10,16,24,32,48,64,96,128,192,256] [--target 0.95]
//                                    [--clusters 100] [--spread 0.5] (clusteredVectors; defaults as search-bench.mjs)
//
// Prints build times (store-hnsw: usearch's multi-threaded add; hnswlib-node: addPoint, one thread),
// save / load times of the persisted index, and per efSearch: recall@10, queries/s (store-hnsw: one
// batch of all queries; hnswlib-node: searchKnn one query at a time, the only API it has), and the
// queries/s of each engine at the smallest efSearch reaching --target recall.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHnswStore, openHnswStore } from '@retrievekit/store-hnsw';
import { createMemoryStore } from '@retrievekit/store-memory';
import { clusteredVectors, recallAtK } from '@retrievekit/test-utils';
import hnswlib from 'hnswlib-node';

const { values: args } = parseArgs({
  options: Object.fromEntries(
    ['rows', 'queries', 'dim', 'm', 'efc', 'ef', 'target', 'clusters', 'spread'].map((name) => [
      name,
      { type: 'string' },
    ]),
  ),
});
const rows = Number(args.rows ?? 100_000);
const nQueries = Number(args.queries ?? 1000);
const dim = Number(args.dim ?? 768);
const m = Number(args.m ?? 16);
const efConstruction = Number(args.efc ?? 128);
const efValues = (args.ef ?? '10,16,24,32,48,64,96,128,192,256').split(',').map(Number);
const target = Number(args.target ?? 0.95);
const clusters = Number(args.clusters ?? 100);
const spread = Number(args.spread ?? 0.5);
const k = 10;
const fmt = (x, digits = 1) => x.toFixed(digits);
const seconds = (start) => (performance.now() - start) / 1000;

console.log(
  `# HNSW bench: ${rows} x ${dim} clustered corpus (clusteredVectors seed 1, ${clusters} clusters, spread ${spread}), ${nQueries} queries (seed 2), inner product, k ${k}, M ${m}, efConstruction ${efConstruction}`,
);
let start = performance.now();
const corpus = clusteredVectors({ rows, dim, seed: 1, clusters, spread });
const queries = clusteredVectors({ rows: nQueries, dim, seed: 2, clusters, spread });
const ids = Array.from({ length: rows }, (_, i) => `doc-${i}`);
console.log(`generated in ${fmt(seconds(start), 2)} s`);

// Exact reference: store-memory f32.
const exactStore = createMemoryStore({ dim, storage: 'f32' });
await exactStore.add({ ids, vectors: corpus });
start = performance.now();
const exact = (await exactStore.search(queries, { k })).map((r) => r.ids);
console.log(`exact top-${k} (store-memory f32): ${fmt(nQueries / seconds(start))} queries/s`);
await exactStore.close();

const rowsOfTable = [];

// store-hnsw: build once, save, reopen with each efSearch (efSearch is a load-time option).
const dir = await mkdtemp(join(tmpdir(), 'bench-hnsw-'));
{
  const store = createHnswStore({ dim, metric: 'dot', connectivity: m, expansionAdd: efConstruction });
  start = performance.now();
  await store.add({ ids, vectors: corpus });
  const build = seconds(start);
  start = performance.now();
  await store.save(dir);
  const save = seconds(start);
  await store.close();
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await stat(join(dir, name))).size;
  console.log(
    `store-hnsw build (usearch add, all threads) ${fmt(build, 1)} s, save ${fmt(save, 2)} s, ${fmt(bytes / rows, 0)} bytes/vector on disk (index + float32 copy + records)`,
  );
  for (const ef of efValues) {
    start = performance.now();
    const opened = await openHnswStore(dir, { expansionSearch: ef });
    const load = seconds(start);
    start = performance.now();
    const results = await opened.search(queries, { k });
    const qps = nQueries / seconds(start);
    await opened.close();
    const recall = recallAtK(
      results.map((r) => r.ids),
      exact,
    );
    rowsOfTable.push({ engine: 'store-hnsw', ef, recall, qps });
    console.log(
      `store-hnsw efSearch ${ef}: open (verify sha256 + load) ${fmt(load, 2)} s, recall@${k} ${fmt(recall, 4)}, ${fmt(qps)} queries/s`,
    );
  }
}

// hnswlib-node HierarchicalNSW: addPoint takes number[] (conversion included in the build time).
{
  const index = new hnswlib.HierarchicalNSW('ip', dim);
  index.initIndex({ maxElements: rows, m, efConstruction, randomSeed: 100 });
  start = performance.now();
  for (let i = 0; i < rows; i++) index.addPoint(Array.from(corpus.data.subarray(i * dim, (i + 1) * dim)), i);
  const build = seconds(start);
  const file = join(dir, 'hnswlib.bin');
  start = performance.now();
  index.writeIndexSync(file);
  const save = seconds(start);
  const size = (await stat(file)).size;
  start = performance.now();
  const loaded = new hnswlib.HierarchicalNSW('ip', dim);
  loaded.readIndexSync(file);
  const load = seconds(start);
  console.log(
    `hnswlib-node build (addPoint, 1 thread) ${fmt(build, 1)} s, save ${fmt(save, 2)} s, load ${fmt(load, 2)} s, ${fmt(size / rows, 0)} bytes/vector on disk`,
  );
  const queryArrays = Array.from({ length: nQueries }, (_, q) =>
    Array.from(queries.data.subarray(q * dim, (q + 1) * dim)),
  );
  for (const ef of efValues) {
    index.setEf(ef);
    start = performance.now();
    const results = queryArrays.map((query) => index.searchKnn(query, k));
    const qps = nQueries / seconds(start);
    const recall = recallAtK(
      results.map((r) => r.neighbors.map((n) => `doc-${n}`)),
      exact,
    );
    rowsOfTable.push({ engine: 'hnswlib-node', ef, recall, qps });
    console.log(`hnswlib-node efSearch ${ef}: recall@${k} ${fmt(recall, 4)}, ${fmt(qps)} queries/s`);
  }
}
await rm(dir, { recursive: true, force: true });

console.log(
  `\n| efSearch | store-hnsw recall@${k} | store-hnsw q/s | hnswlib-node recall@${k} | hnswlib-node q/s |`,
);
console.log('|---|---|---|---|---|');
for (const ef of efValues) {
  const ours = rowsOfTable.find((r) => r.engine === 'store-hnsw' && r.ef === ef);
  const peer = rowsOfTable.find((r) => r.engine === 'hnswlib-node' && r.ef === ef);
  console.log(
    `| ${ef} | ${fmt(ours.recall, 4)} | ${fmt(ours.qps)} | ${fmt(peer.recall, 4)} | ${fmt(peer.qps)} |`,
  );
}
const atTarget = (engine) => rowsOfTable.find((r) => r.engine === engine && r.recall >= target);
const ours = atTarget('store-hnsw');
const peer = atTarget('hnswlib-node');
const describe = (r) =>
  r === undefined
    ? `never reaches ${target}`
    : `efSearch ${r.ef}: recall ${fmt(r.recall, 4)}, ${fmt(r.qps)} q/s`;
console.log(`\nsmallest efSearch with recall@${k} >= ${target}:`);
console.log(`  store-hnsw    ${describe(ours)}`);
console.log(`  hnswlib-node  ${describe(peer)}`);
if (ours !== undefined && peer !== undefined) {
  console.log(`  store-hnsw / hnswlib-node queries/s: ${fmt(ours.qps / peer.qps, 2)}x`);
}
