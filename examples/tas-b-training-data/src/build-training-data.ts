import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Passage, Query } from '@retrievekit/core';
import { openBeirDataset } from '@retrievekit/datasets';
import { buildTeacherPairs, createTfidfProjectionEncoder, writeTeacherPairsTsv } from '@retrievekit/distill';
import type { SamplerStatistics } from '@retrievekit/sampler';
import {
  clustersFromAssignment,
  createJsAssignmentKernel,
  createTasBalancedSampler,
  kMeans,
  readTeacherPairs,
  samplerStatistics,
  writeBatchesJsonl,
  writeClusters,
} from '@retrievekit/sampler';
import { createBm25IndexBuilder, createEnglishAnalyzer } from '@retrievekit/sparse';
import { formatStatistics } from './format-statistics.js';

/** Where the example writes and prints. */
export interface ExampleIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Settings of {@link buildTrainingData}; every one has a default. */
export interface TrainingDataOptions {
  /** SciFact in BEIR layout. Default `<repo>/../shared/data/scifact`. */
  dataDir?: string;
  /** Output folder for teacher.tsv, clusters.txt and batches.jsonl. Default `./out`. */
  outDir?: string;
  /** Batches to write. Default 200. */
  batches?: number;
  /** Pairs per batch. Default 32. */
  batchSize?: number;
  /** k of the query k-means. Default 32. */
  clusters?: number;
  /** BM25 hard negatives per query. Default 8. */
  negativesPerQuery?: number;
  /** Dimension of the TF-IDF random projection used to cluster queries. Default 768. */
  dim?: number;
  seed?: number;
  /** Use only the first n judged training queries. Default: all. */
  trainQueryLimit?: number;
}

/** Paths written and the sampler statistics. */
export interface TrainingDataResult {
  readonly teacherPath: string;
  readonly clustersPath: string;
  readonly batchesPath: string;
  readonly statistics: SamplerStatistics;
}

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../../shared/data/scifact', import.meta.url));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/**
 * SciFact train queries -> BM25 teacher file -> query clusters (k-means on TF-IDF projection vectors) ->
 * TAS-Balanced batches as JSONL. Returns undefined (one line on stderr) when SciFact is missing.
 */
export async function buildTrainingData(
  io: ExampleIO,
  options: TrainingDataOptions = {},
): Promise<TrainingDataResult | undefined> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (!(await stat(dataDir).catch(() => undefined))?.isDirectory()) {
    io.stderr(
      `tas-b-training-data: SciFact not found at ${dataDir} (expected ../shared/data/scifact beside the repo)\n`,
    );
    return undefined;
  }
  const seed = options.seed ?? 42;
  const outDir = options.outDir ?? 'out';
  await mkdir(outDir, { recursive: true });
  const dataset = await openBeirDataset(dataDir);
  const passages: Passage[] = await collect(dataset.passages());
  const queries: Query[] = await collect(dataset.queries());
  const builder = createBm25IndexBuilder();
  await builder.addAll(passages);
  const bm25 = builder.build();

  const qrels = new Map([...(await dataset.qrels('train'))].slice(0, options.trainQueryLimit));
  const teacher = await buildTeacherPairs({
    queries,
    qrels,
    retriever: bm25,
    negativesPerQuery: options.negativesPerQuery ?? 8,
  });
  const teacherPath = join(outDir, 'teacher.tsv');
  await writeTeacherPairsTsv(teacherPath, teacher.pairs);
  const pairs = await readTeacherPairs(teacherPath);
  io.stdout(
    `Teacher (BM25 scores, qrels positives x BM25 top negatives): ${pairs.size} pairs, ${pairs.queryCount} of ` +
      `${teacher.queriesJudged} train queries (${teacher.unscoredPositives.length} positives outside the top 100 left out) -> ${teacherPath}\n`,
  );

  const corpusText = passages.map((p) => (p.title ? `${p.title} ${p.text}` : p.text));
  const encoder = createTfidfProjectionEncoder(corpusText, createEnglishAnalyzer(), {
    dim: options.dim ?? 768,
    seed,
  });
  const ids = Array.from({ length: pairs.queryCount }, (_, q) => pairs.queryId(q));
  const textOf = new Map(queries.map((q) => [q.id, q.text]));
  const vectors = encoder.encode(ids.map((id) => textOf.get(id) ?? ''));
  const k = Math.min(options.clusters ?? 32, ids.length);
  const { assignment } = await kMeans(vectors, { k, seed, kernel: createJsAssignmentKernel() });
  const clustersPath = join(outDir, 'clusters.txt');
  const clusters = clustersFromAssignment(ids, assignment, k);
  await writeClusters(clustersPath, clusters);

  const sampler = createTasBalancedSampler(pairs, clusters, { batchSize: options.batchSize ?? 32, seed });
  const batchesPath = join(outDir, 'batches.jsonl');
  const count = options.batches ?? 200;
  await writeBatchesJsonl(batchesPath, sampler.batches({ limit: count }));
  const statistics = samplerStatistics(sampler.clusters, sampler.bins);
  io.stdout(formatStatistics(statistics));
  io.stdout(
    `Wrote ${count} TAS-Balanced batches of ${sampler.batchSize} -> ${batchesPath} (clusters: ${clustersPath})\n`,
  );
  return { teacherPath, clustersPath, batchesPath, statistics };
}
