// Batched vs one-query-per-call search, and HNSW recall, on the embedded PGlite backend.
// Usage (after `pnpm exec tsup` in packages/store-pgvector and packages/test-utils):
//   node bench/pgvector-search/run.mjs [rows=10000] [dim=768] [queries=100] [hnswRows=3000]
import { createDenseBatch } from '@retrievekit/core';
import { bruteForceTopK, clusteredVectors, recallAtK } from '@retrievekit/test-utils';
import { createPgVectorStore } from '../../dist/index.js';

const [rows = 10_000, dim = 768, queryCount = 100, hnswRows = 3000] = process.argv.slice(2).map(Number);
const seconds = (start) => ((performance.now() - start) / 1000).toFixed(2);

const corpus = clusteredVectors({ rows, dim, seed: 11 });
const queries = clusteredVectors({ rows: queryCount, dim, seed: 12 });
const ids = Array.from({ length: rows }, (_, row) => `doc-${row}`);

let start = performance.now();
const exact = await createPgVectorStore({ dim, table: 'exact' });
console.log(`PGlite start: ${seconds(start)} s`);
start = performance.now();
await exact.add({ ids, vectors: corpus });
console.log(`insert ${rows} x ${dim}: ${seconds(start)} s`);

start = performance.now();
const batched = await exact.search(queries, { k: 10 });
const batchTime = performance.now() - start;
start = performance.now();
const single = [];
for (let q = 0; q < queryCount; q++) {
  const one = createDenseBatch(queries.data.slice(q * dim, (q + 1) * dim), 1, dim);
  single.push(...(await exact.search(one, { k: 10 })));
}
const singleTime = performance.now() - start;
const same = batched.every((result, q) => result.ids.join() === single[q]?.ids.join());
console.log(
  `exact top-10 of ${queryCount} queries: one batched call ${(batchTime / 1000).toFixed(2)} s, ` +
    `${queryCount} single calls ${(singleTime / 1000).toFixed(2)} s, ratio single/batched ${(singleTime / batchTime).toFixed(2)}, same ids: ${same}`,
);
await exact.close();

const small = clusteredVectors({ rows: hnswRows, dim, seed: 21 });
const smallIds = ids.slice(0, hnswRows);
const reference = bruteForceTopK(small, queries, 10, 'dot').map((hit) =>
  Array.from(hit.rows, (row) => `doc-${row}`),
);
for (const efSearch of [40, 100]) {
  const store = await createPgVectorStore({
    dim,
    table: 'hnsw',
    index: { type: 'hnsw', m: 16, efConstruction: 64, efSearch },
  });
  start = performance.now();
  await store.add({ ids: smallIds, vectors: small });
  const build = seconds(start);
  start = performance.now();
  const results = await store.search(queries, { k: 10 });
  const recall = recallAtK(
    results.map((result) => result.ids),
    reference,
  );
  console.log(
    `HNSW m=16 efConstruction=64 efSearch=${efSearch}, ${hnswRows} x ${dim}: insert+build ${build} s, ` +
      `${queryCount} queries ${seconds(start)} s, recall@10 ${recall.toFixed(4)}`,
  );
  await store.close();
}
