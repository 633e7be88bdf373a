// Recall@10 of the HNSW store against the float64 brute force on the conformance suite's data
// (10,000 x 768 clustered vectors, seed 11; 50 queries, seed 12), dot f32 / f16 and cosine i8, default graph
// (M 16, efConstruction 128), reopened with several efSearch values. Build first: `pnpm exec tsup`.
// Run from packages/store-hnsw: `node scripts/recall-sweep.mjs`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bruteForceTopK, clusteredVectors, recallAtK } from '@retrievekit/test-utils';
import { createHnswStore, openHnswStore } from '../dist/index.js';

const corpus = clusteredVectors({ rows: 10_000, dim: 768, seed: 11 });
const queries = clusteredVectors({ rows: 50, dim: 768, seed: 12 });
const ids = Array.from({ length: corpus.rows }, (_, row) => `doc-${row}`);
const references = {};
for (const [metric, quantization] of [
  ['dot', 'f32'],
  ['dot', 'f16'],
  ['cosine', 'i8'],
]) {
  references[metric] ??= bruteForceTopK(corpus, queries, 10, metric).map((hit) =>
    Array.from(hit.rows, (row) => ids[row]),
  );
  const reference = references[metric];
  const dir = await mkdtemp(join(tmpdir(), 'hnsw-sweep-'));
  const started = performance.now();
  const store = createHnswStore({ dim: 768, metric, quantization });
  await store.add({ ids, vectors: corpus });
  const buildSeconds = (performance.now() - started) / 1000;
  await store.save(dir);
  for (const expansionSearch of [10, 16, 32, 64, 128]) {
    const opened = await openHnswStore(dir, { expansionSearch });
    const results = await opened.search(queries, { k: 10 });
    const recall = recallAtK(
      results.map((r) => r.ids),
      reference,
    );
    console.log(
      `${metric} ${quantization} build ${buildSeconds.toFixed(1)} s  efSearch ${expansionSearch}: recall@10 ${recall.toFixed(3)}`,
    );
  }
  await rm(dir, { recursive: true, force: true });
}
