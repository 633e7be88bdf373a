import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Passage, Query, RankedList } from '@retrievekit/core';
import { writeFileAtomic } from '@retrievekit/core/node';
import { openBeirDataset } from '@retrievekit/datasets';
import {
  applyAdapter,
  buildTeacherPairs,
  createVectorTable,
  trainQueryAdapter,
  writeTeacherPairsTsv,
} from '@retrievekit/distill';
import {
  clustersFromAssignment,
  createJsAssignmentKernel,
  createTasBalancedSampler,
  kMeans,
  readTeacherPairs,
  writeClusters,
} from '@retrievekit/sampler';
import { createBm25IndexBuilder } from '@retrievekit/sparse';
import type { BaseEncoder } from './base-encoder.js';
import { createDefaultBaseEncoder } from './base-encoder.js';
import { ndcgAt10 } from './evaluate-ndcg.js';
import { exactDotRun } from './exact-dot-run.js';
import { bucketMeans, lossCurveCsv, renderLossCurve } from './loss-curve.js';

/** Where the example writes and prints. */
export interface ExampleIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Settings of {@link runDistillAdapter}; every one has a default. */
export interface DistillAdapterOptions {
  /** SciFact in BEIR layout. Default `<repo>/../shared/data/scifact`. */
  dataDir?: string;
  /** Output folder (teacher.tsv, clusters.txt, loss-curve.csv, results.json). Default `./out`. */
  outDir?: string;
  /** Frozen base encoder. Default: the TF-IDF random projection of `dim` dims. */
  encoder?: BaseEncoder;
  dim?: number;
  steps?: number;
  batchSize?: number;
  learningRate?: number;
  weightDecay?: number;
  clusters?: number;
  negativesPerQuery?: number;
  depth?: number;
  seed?: number;
  /** Use only the first n judged training queries (for quick runs). Default: all. */
  trainQueryLimit?: number;
}

/** Measured nDCG@10 values and the loss curve. */
export interface DistillAdapterResult {
  readonly base: number;
  readonly adapted: number;
  readonly teacher: number;
  readonly losses: Float64Array;
  readonly pairs: number;
}

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../../shared/data/scifact', import.meta.url));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Runs the whole example; returns the process exit code (1 with one line on stderr when data is missing). */
export async function runDistillAdapter(
  io: ExampleIO,
  options: DistillAdapterOptions = {},
): Promise<DistillAdapterResult | undefined> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (!(await stat(dataDir).catch(() => undefined))?.isDirectory()) {
    io.stderr(
      `distill-adapter: SciFact not found at ${dataDir} (expected ../shared/data/scifact beside the repo)\n`,
    );
    return undefined;
  }
  const o = {
    dim: 768,
    steps: 300,
    batchSize: 32,
    learningRate: 1e-4,
    weightDecay: 0,
    clusters: 32,
    ...options,
  };
  const seed = o.seed ?? 42;
  const outDir = o.outDir ?? 'out';
  await mkdir(outDir, { recursive: true });
  const dataset = await openBeirDataset(dataDir);
  const passages: Passage[] = await collect(dataset.passages());
  const queries: Query[] = await collect(dataset.queries());
  const builder = createBm25IndexBuilder();
  await builder.addAll(passages);
  const bm25 = builder.build();

  // 1. the teacher: BM25 scores of qrels positives and BM25 top-k negatives on the training queries
  const trainQrels = new Map([...(await dataset.qrels('train'))].slice(0, o.trainQueryLimit));
  const teacher = await buildTeacherPairs({
    queries,
    qrels: trainQrels,
    retriever: bm25,
    depth: o.depth ?? 100,
    negativesPerQuery: o.negativesPerQuery ?? 8,
  });
  const teacherPath = join(outDir, 'teacher.tsv');
  await writeTeacherPairsTsv(teacherPath, teacher.pairs);
  const pairs = await readTeacherPairs(teacherPath);
  io.stdout(
    `SciFact: ${passages.length} passages. Teacher = BM25 on ${teacher.queriesJudged} train queries: ` +
      `${pairs.size} pairs for ${pairs.queryCount} queries (${teacher.unscoredPositives.length} positives outside ` +
      `BM25's top ${o.depth ?? 100} left out) -> ${teacherPath}\n`,
  );

  // 2. the frozen base and its vectors
  const encoder = o.encoder ?? createDefaultBaseEncoder(passages, o.dim, seed);
  const passageVectors = await encoder.encodePassages(passages);
  const trainIds = Array.from({ length: pairs.queryCount }, (_, q) => pairs.queryId(q));
  const textOf = new Map(queries.map((q) => [q.id, q.text]));
  const trainVectors = await encoder.encodeQueries(trainIds.map((id) => textOf.get(id) ?? ''));
  io.stdout(`Base encoder: ${encoder.name}\n`);

  // 3. topic clusters of the training queries, then TAS-Balanced batches
  const k = Math.min(o.clusters, trainIds.length);
  const kernel = createJsAssignmentKernel();
  const { assignment } = await kMeans(trainVectors, { k, seed, kernel });
  const clusters = clustersFromAssignment(trainIds, assignment, k);
  await writeClusters(join(outDir, 'clusters.txt'), clusters);
  const sampler = createTasBalancedSampler(pairs, clusters, { batchSize: o.batchSize, seed });
  io.stdout(`Clusters: k = ${k} (k-means on base query vectors); TAS-Balanced batches of ${o.batchSize}\n`);

  // 4. train the adapter
  const { adapter, losses } = await trainQueryAdapter({
    batches: sampler,
    queries: createVectorTable(trainIds, trainVectors),
    passages: createVectorTable(
      passages.map((p) => p.id),
      passageVectors,
    ),
    steps: o.steps,
    learningRate: o.learningRate,
    weightDecay: o.weightDecay,
  });
  const means = bucketMeans(losses, 12);
  io.stdout(
    `Training: ${o.steps} steps, Adam lr ${o.learningRate}, weight decay ${o.weightDecay}; Margin-MSE per step (bucket means):\n` +
      `${renderLossCurve(losses)}\n`,
  );
  await writeFileAtomic(join(outDir, 'loss-curve.csv'), lossCurveCsv(losses));

  // 5. evaluation on the held-out test queries
  const testQrels = await dataset.qrels('test');
  const testQueries = queries.filter((q) => testQrels.has(q.id));
  const testIds = testQueries.map((q) => q.id);
  const testVectors = await encoder.encodeQueries(testQueries.map((q) => q.text));
  const passageIds = passages.map((p) => p.id);
  const base = ndcgAt10(testQrels, exactDotRun(testIds, testVectors, passageIds, passageVectors, 100));
  const adaptedVectors = applyAdapter(adapter, testVectors);
  const adapted = ndcgAt10(testQrels, exactDotRun(testIds, adaptedVectors, passageIds, passageVectors, 100));
  const lists: RankedList[] = await bm25.retrieve(testQueries, { k: 100 });
  const teacherScore = ndcgAt10(
    testQrels,
    new Map(testIds.map((id, i) => [id, lists[i] ?? { ids: [], scores: [] }])),
  );
  io.stdout(
    `\nnDCG@10 on SciFact test (${testIds.length} queries, trec_eval -c -m ndcg_cut.10):\n` +
      `| run | nDCG@10 |\n|---|---|\n| base (${encoder.name}) | ${base.toFixed(4)} |\n` +
      `| adapted student (base + trained W) | ${adapted.toFixed(4)} |\n| teacher (BM25) | ${teacherScore.toFixed(4)} |\n`,
  );
  await writeFileAtomic(
    join(outDir, 'results.json'),
    `${JSON.stringify(
      {
        ndcg10: { base, adapted, teacher: teacherScore },
        encoder: encoder.name,
        settings: { ...o, encoder: undefined, seed, k },
        pairs: pairs.size,
        lossBuckets: means,
      },
      null,
      2,
    )}\n`,
  );
  io.stdout(`Wrote ${join(outDir, 'loss-curve.csv')} and ${join(outDir, 'results.json')}\n`);
  return { base, adapted, teacher: teacherScore, losses, pairs: pairs.size };
}
