import {
  type BatchSampler,
  createRandomSampler,
  createTasBalancedSampler,
  createTopicSampler,
  readClusters,
  readQueriesTsv,
  readTeacherPairs,
  type TeacherPairs,
  type TrainingBatch,
  writeBatchesJsonl,
  writeBatchesTsv,
} from '@retrievekit/sampler';
import type { Command } from '../command.js';
import { assertInputFile } from '../input-file.js';
import { withInterrupt } from '../interrupt.js';
import { choiceFlag, integerFlag, parseFlags, requiredFlag, stringFlag, usageError } from '../parse-flags.js';
import type { ProgressBar } from '../progress-bar.js';
import type { RuntimeIO } from '../runtime-io.js';
import { stderrProgress } from '../stderr-progress.js';
import { formatSampleReport, SampleCounter, tasBalancedSetup } from './sample-stats.js';

const HELP = `Usage: retrievekit sample --pairs FILE --clusters FILE --batch-size N --out FILE.jsonl|FILE.tsv
                          [--batches M] [--sampler tas-balanced|topic|random] [--seed S]
                          [--queries FILE] [--json]

Draws reproducible training batches from teacher scores (TAS-Balanced: a topic cluster per batch, then
pairs balanced over margin bins; or topic-only / random for ablations) and writes them atomically.
Prints statistics of the clusters, margin bins and written batches.

Options:
  --pairs FILE       teacher scores: pos_score<TAB>neg_score<TAB>qid<TAB>pos_pid<TAB>neg_pid
  --clusters FILE    one line per cluster, space-separated qids (from "retrievekit cluster")
  --queries FILE     query TSV (qid<TAB>text): warns about sampled queries without text
  --batch-size N     pairs per batch (required)
  --batches M        batches to write (default 1000)
  --sampler S        tas-balanced (default), topic or random (random ignores --clusters)
  --seed S           seed (default 42): the same seed gives the same batches
  --out FILE         .jsonl (one batch per line) or .tsv (batch, cluster, qid, pos, neg, scores per line)
  --json             statistics as JSON on stdout
  -h, --help         this help

Examples:
  retrievekit sample --pairs bert_cat_ensemble_scores.tsv --clusters clusters.txt --batch-size 256 \\
      --batches 100000 --out batches.jsonl
  retrievekit sample --pairs scores.tsv --sampler random --batch-size 32 --batches 10 --out b.tsv --json

Exit codes: 0 ok, 1 bad input or runtime error, 2 usage error, 130 interrupted.`;

const FLAGS = {
  pairs: { type: 'string' },
  queries: { type: 'string' },
  clusters: { type: 'string' },
  'batch-size': { type: 'string' },
  batches: { type: 'string' },
  sampler: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
} as const;

async function* counted(
  batches: AsyncIterable<TrainingBatch>,
  counter: SampleCounter,
  bar: ProgressBar,
  total: number,
): AsyncGenerator<TrainingBatch> {
  for await (const batch of batches) {
    counter.add(batch);
    bar.update({ done: counter.counts().batches, total, unit: 'batches' });
    yield batch;
  }
}

async function warnMissingText(path: string, pairs: TeacherPairs, io: RuntimeIO): Promise<void> {
  const known = new Set((await readQueriesTsv(path)).map((q) => q.id));
  const missing: string[] = [];
  for (let q = 0; q < pairs.queryCount; q++) if (!known.has(pairs.queryId(q))) missing.push(pairs.queryId(q));
  if (missing.length > 0)
    io.stderr(
      `retrievekit sample: warning: ${missing.length} queries of --pairs have no text in ${path} (first: ${missing[0]})\n`,
    );
}

/** Runs `retrievekit sample` with the command line after the command name. */
export async function runSample(argv: readonly string[], io: RuntimeIO): Promise<void> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.values.help === true) return void io.stdout(`${HELP}\n`);
  if (flags.positionals.length > 0) throw usageError('argv', `unexpected argument "${flags.positionals[0]}"`);
  const kind = choiceFlag(flags, 'sampler', ['tas-balanced', 'topic', 'random'], 'tas-balanced');
  const pairsPath = requiredFlag(flags, 'pairs');
  const clustersPath = kind === 'random' ? stringFlag(flags, 'clusters') : requiredFlag(flags, 'clusters');
  const queriesPath = stringFlag(flags, 'queries');
  const out = requiredFlag(flags, 'out');
  if (!/\.(jsonl|tsv)$/i.test(out))
    throw usageError('--out', `--out must end in .jsonl or .tsv, got "${out}"`);
  const batchSizeText = requiredFlag(flags, 'batch-size');
  const batchSize = integerFlag(flags, 'batch-size', Number(batchSizeText));
  const limit = integerFlag(flags, 'batches', 1000);
  const seed = integerFlag(flags, 'seed', 42, 0);
  assertInputFile(pairsPath, '--pairs');
  if (clustersPath !== undefined) assertInputFile(clustersPath, '--clusters');
  if (queriesPath !== undefined) assertInputFile(queriesPath, '--queries');
  const bar = stderrProgress(io, 'sample');
  try {
    await withInterrupt(io, async (signal) => {
      const pairs = await readTeacherPairs(pairsPath, { signal, onProgress: (p) => bar.update(p) });
      if (queriesPath !== undefined) await warnMissingText(queriesPath, pairs, io);
      const clusters = clustersPath === undefined ? [] : await readClusters(clustersPath);
      const options = { batchSize, seed };
      let sampler: BatchSampler;
      let setup: Record<string, number | number[]> | undefined;
      if (kind === 'tas-balanced') {
        const tas = createTasBalancedSampler(pairs, clusters, options);
        setup = tasBalancedSetup(tas);
        sampler = tas;
      } else
        sampler =
          kind === 'topic'
            ? createTopicSampler(pairs, clusters, options)
            : createRandomSampler(pairs, options);
      const counter = new SampleCounter();
      const stream = counted(sampler.batches({ limit, signal }), counter, bar, limit);
      await (out.toLowerCase().endsWith('.tsv')
        ? writeBatchesTsv(out, stream)
        : writeBatchesJsonl(out, stream));
      bar.finish();
      const counts = counter.counts();
      io.stdout(
        flags.values.json === true
          ? `${JSON.stringify({ out, sampler: kind, batchSize, seed, ...counts, ...(setup === undefined ? {} : { setup }) })}\n`
          : formatSampleReport(out, counts, setup),
      );
    });
  } finally {
    bar.finish();
  }
}

/** `retrievekit sample`: TAS-Balanced (or topic / random) training batches from teacher scores. */
export const sampleCommand: Command = {
  name: 'sample',
  summary: 'draw TAS-Balanced training batches from teacher scores and query clusters',
  help: HELP,
  run: runSample,
};
