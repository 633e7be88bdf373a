import type { DenseBatch } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { clustersFromAssignment, kMeans, readQueriesTsv, writeClusters } from '@retrievekit/sampler';
import type { Command } from '../command.js';
import { assertInputFile } from '../input-file.js';
import { withInterrupt } from '../interrupt.js';
import { encodeQueriesWith } from '../load-query-encoder.js';
import { choiceFlag, integerFlag, parseFlags, requiredFlag, stringFlag, usageError } from '../parse-flags.js';
import type { RuntimeIO } from '../runtime-io.js';
import { stderrProgress } from '../stderr-progress.js';
import { readVectorsFile } from '../vectors-file.js';

const HELP = `Usage: retrievekit cluster --queries FILE --vectors FILE [--dim D] --k N --out clusters.txt
       retrievekit cluster --queries FILE --cluster-with MODEL [--query-max-length L] [--batch-size B] ...
                           [--iterations I] [--seed S] [--init random|kmeans++] [--json]

Clusters training queries with seeded k-means over their vectors (inner product, TAS-B's topic clusters)
and writes one line per cluster with the space-separated query ids (the input of "retrievekit sample").
Row i of the vectors belongs to line i of the queries file.

Options:
  --queries FILE     MS MARCO query TSV (qid<TAB>text), one query per vector row
  --vectors FILE     .npy (2-D float32) or raw little-endian float32 (needs --dim)
  --dim D            vector size of a raw float32 file
  --cluster-with M   encode the queries with a dense encoder (model folder or hub repository id, e.g.
                     sebastian-hofstaetter/distilbert-dot-tas_b-b256-msmarco; needs onnxruntime-node)
                     instead of --vectors
  --query-max-length L
                     tokens per query with --cluster-with (default 30, TAS-B's training value)
  --batch-size B     queries per encoder call with --cluster-with (default 32)
  --k N              number of clusters (required)
  --iterations I     k-means rounds (default 20);  --seed S (default 42)
  --init I           random (default) or kmeans++
  --out FILE         cluster file to write (atomically)
  --json             print statistics as JSON on stdout
  -h, --help         this help

The assignment step uses onnxruntime-node when it is installed, else a JavaScript kernel.

Examples:
  retrievekit cluster --queries queries.train.tsv --vectors queries.npy --k 2000 --out clusters.txt
  retrievekit cluster --queries q.tsv --vectors q.f32 --dim 768 --k 100 --seed 7 --out c.txt --json
  retrievekit cluster --queries q.tsv --cluster-with ./tas-b --k 2000 --init kmeans++ --out clusters.txt

Exit codes: 0 ok, 1 bad input or runtime error, 2 usage error, 130 interrupted.`;

const FLAGS = {
  queries: { type: 'string' },
  vectors: { type: 'string' },
  dim: { type: 'string' },
  'cluster-with': { type: 'string' },
  'query-max-length': { type: 'string' },
  'batch-size': { type: 'string' },
  k: { type: 'string' },
  iterations: { type: 'string' },
  seed: { type: 'string' },
  init: { type: 'string' },
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
} as const;

/** Encodes the queries' texts with `--cluster-with`, with a progress bar and Ctrl-C cancellation. */
async function encodeWithProgress(
  io: RuntimeIO,
  model: string,
  queries: readonly { text: string }[],
  maxLength: number,
  batchSize: number,
): Promise<DenseBatch> {
  const bar = stderrProgress(io, 'encoding queries');
  try {
    const { embeddings, truncated } = await withInterrupt(io, (signal) =>
      encodeQueriesWith(
        model,
        queries.map((q) => q.text),
        { maxLength, batchSize, signal, onProgress: (p) => bar.update(p) },
      ),
    );
    bar.finish();
    if (truncated > 0)
      io.stderr(
        `note: ${truncated} of ${queries.length} queries were cut to --query-max-length ${maxLength} tokens\n`,
      );
    return embeddings;
  } finally {
    bar.finish();
  }
}

/** Runs `retrievekit cluster` with the command line after the command name. */
export async function runCluster(argv: readonly string[], io: RuntimeIO): Promise<void> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.values.help === true) return void io.stdout(`${HELP}\n`);
  if (flags.positionals.length > 0) throw usageError('argv', `unexpected argument "${flags.positionals[0]}"`);
  const model = stringFlag(flags, 'cluster-with');
  const vectorsPath = stringFlag(flags, 'vectors');
  if (model !== undefined && vectorsPath !== undefined)
    throw usageError(
      '--cluster-with',
      '--cluster-with and --vectors are mutually exclusive',
      'give one of them',
    );
  if (model === undefined && vectorsPath === undefined)
    throw usageError('--vectors', '--vectors or --cluster-with is required');
  const queriesPath = requiredFlag(flags, 'queries');
  const out = requiredFlag(flags, 'out');
  const k = integerFlag(flags, 'k', Number.NaN);
  if (Number.isNaN(k)) throw usageError('--k', '--k is required');
  const iterations = integerFlag(flags, 'iterations', 20);
  const seed = integerFlag(flags, 'seed', 42, 0);
  const init = choiceFlag(flags, 'init', ['random', 'kmeans++'], 'random');
  const dimText = stringFlag(flags, 'dim');
  const dim = dimText === undefined ? undefined : integerFlag(flags, 'dim', 0);
  for (const name of ['dim', 'query-max-length', 'batch-size'] as const) {
    const needs = name === 'dim' ? model : vectorsPath;
    if (needs !== undefined && stringFlag(flags, name) !== undefined)
      throw usageError(
        `--${name}`,
        `--${name} only applies with ${name === 'dim' ? '--vectors' : '--cluster-with'}`,
      );
  }
  // [CLS] + [SEP] take two of the tokens: fewer than 3 leaves no room for the query.
  const queryMaxLength = integerFlag(flags, 'query-max-length', 30, 3);
  const batchSize = integerFlag(flags, 'batch-size', 32);
  assertInputFile(queriesPath, '--queries');
  const queries = await readQueriesTsv(queriesPath);
  if (k > queries.length) throw usageError('--k', `--k ${k} is more than the ${queries.length} queries`);
  const vectors =
    model === undefined
      ? await readVectorsFile(requiredFlag(flags, 'vectors'), dim)
      : await encodeWithProgress(io, model, queries, queryMaxLength, batchSize);
  if (queries.length !== vectors.rows)
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${vectors.rows} vectors for ${queries.length} queries in ${queriesPath}`,
      {
        where: { file: vectorsPath ?? queriesPath },
        hint: 'row i of --vectors must be the vector of line i of --queries',
      },
    );
  const bar = stderrProgress(io, 'k-means');
  try {
    const result = await withInterrupt(io, (signal) =>
      kMeans(vectors, { k, iterations, seed, init, signal, onProgress: (p) => bar.update(p) }),
    );
    bar.finish();
    const clusters = clustersFromAssignment(
      queries.map((q) => q.id),
      result.assignment,
      k,
    );
    await writeClusters(out, clusters);
    const sizes = clusters.map((c) => c.length);
    const stats = {
      out,
      queries: queries.length,
      k,
      iterations: result.iterations,
      converged: result.converged,
      objective: result.objective,
      clusterSizeMin: Math.min(...sizes),
      clusterSizeMax: Math.max(...sizes),
      emptyClustersRepaired: result.emptyClustersRepaired,
    };
    io.stdout(
      flags.values.json === true
        ? `${JSON.stringify(stats)}\n`
        : `wrote ${k} clusters of ${queries.length} queries to ${out} (sizes ${stats.clusterSizeMin}..${stats.clusterSizeMax}, ${result.iterations} iterations${result.converged ? ', converged' : ''})\n`,
    );
  } finally {
    bar.finish();
  }
}

/** `retrievekit cluster`: k-means topic clusters of training queries for TAS-Balanced sampling. */
export const clusterCommand: Command = {
  name: 'cluster',
  summary: 'cluster training queries with seeded k-means (TAS-B topic clusters)',
  help: HELP,
  run: runCluster,
};
