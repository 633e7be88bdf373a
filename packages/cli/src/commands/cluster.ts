import { RetrievekitError } from '@retrievekit/core';
import { clustersFromAssignment, kMeans, readQueriesTsv, writeClusters } from '@retrievekit/sampler';
import type { Command } from '../command.js';
import { assertInputFile } from '../input-file.js';
import { withInterrupt } from '../interrupt.js';
import { choiceFlag, integerFlag, parseFlags, requiredFlag, stringFlag, usageError } from '../parse-flags.js';
import type { RuntimeIO } from '../runtime-io.js';
import { stderrProgress } from '../stderr-progress.js';
import { readVectorsFile } from '../vectors-file.js';

const HELP = `Usage: retrievekit cluster --queries FILE --vectors FILE [--dim D] --k N --out clusters.txt
                           [--iterations I] [--seed S] [--init random|kmeans++] [--json]

Clusters training queries with seeded k-means over their vectors (inner product, TAS-B's topic clusters)
and writes one line per cluster with the space-separated query ids (the input of "retrievekit sample").
Row i of the vectors belongs to line i of the queries file.

Options:
  --queries FILE     MS MARCO query TSV (qid<TAB>text), one query per vector row
  --vectors FILE     .npy (2-D float32) or raw little-endian float32 (needs --dim)
  --dim D            vector size of a raw float32 file
  --cluster-with DIR compute the vectors with an encoder model (not available yet)
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

Exit codes: 0 ok, 1 bad input or runtime error, 2 usage error, 130 interrupted.`;

const FLAGS = {
  queries: { type: 'string' },
  vectors: { type: 'string' },
  dim: { type: 'string' },
  'cluster-with': { type: 'string' },
  k: { type: 'string' },
  iterations: { type: 'string' },
  seed: { type: 'string' },
  init: { type: 'string' },
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
} as const;

/** Runs `retrievekit cluster` with the command line after the command name. */
export async function runCluster(argv: readonly string[], io: RuntimeIO): Promise<void> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.values.help === true) return void io.stdout(`${HELP}\n`);
  if (flags.positionals.length > 0) throw usageError('argv', `unexpected argument "${flags.positionals[0]}"`);
  if (flags.values['cluster-with'] !== undefined)
    throw usageError(
      '--cluster-with',
      '--cluster-with is not available yet (the encoder package is not ready)',
      'encode the queries yourself and pass --vectors FILE.npy',
    );
  const queriesPath = requiredFlag(flags, 'queries');
  const vectorsPath = requiredFlag(flags, 'vectors');
  const out = requiredFlag(flags, 'out');
  const k = integerFlag(flags, 'k', Number.NaN);
  if (Number.isNaN(k)) throw usageError('--k', '--k is required');
  const iterations = integerFlag(flags, 'iterations', 20);
  const seed = integerFlag(flags, 'seed', 42, 0);
  const init = choiceFlag(flags, 'init', ['random', 'kmeans++'], 'random');
  const dimText = stringFlag(flags, 'dim');
  const dim = dimText === undefined ? undefined : integerFlag(flags, 'dim', 0);
  assertInputFile(queriesPath, '--queries');
  const vectors = await readVectorsFile(vectorsPath, dim);
  const queries = await readQueriesTsv(queriesPath);
  if (queries.length !== vectors.rows)
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `${vectors.rows} vectors for ${queries.length} queries in ${queriesPath}`,
      {
        where: { file: vectorsPath },
        hint: 'row i of --vectors must be the vector of line i of --queries',
      },
    );
  if (k > queries.length) throw usageError('--k', `--k ${k} is more than the ${queries.length} queries`);
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
