import { RetrievekitError } from '@retrievekit/core';
import type { TrainingDataOptions } from './build-training-data.js';

const FLAGS: Record<string, keyof TrainingDataOptions> = {
  '--batches': 'batches',
  '--batch-size': 'batchSize',
  '--clusters': 'clusters',
  '--negatives': 'negativesPerQuery',
  '--dim': 'dim',
  '--seed': 'seed',
  '--train-queries': 'trainQueryLimit',
  '--out': 'outDir',
  '--data': 'dataDir',
};

/** Parses `--batches 200 --batch-size 32 --out out ...` into options. */
export function parseArgs(args: readonly string[]): TrainingDataOptions {
  const options: Record<string, string | number> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] as string;
    const key = FLAGS[flag];
    const value = args[i + 1];
    if (key === undefined || value === undefined) {
      throw new RetrievekitError(
        'INVALID_ARGUMENT',
        `bad option ${flag}${value === undefined ? ' (no value)' : ''}`,
        {
          where: { field: flag },
          hint: `options: ${Object.keys(FLAGS).join(' ')}`,
        },
      );
    }
    const number = Number(value);
    if (key !== 'outDir' && key !== 'dataDir' && !Number.isFinite(number)) {
      throw new RetrievekitError('INVALID_ARGUMENT', `${flag} must be a number, got ${value}`, {
        where: { field: flag },
      });
    }
    options[key] = key === 'outDir' || key === 'dataDir' ? value : number;
  }
  return options as TrainingDataOptions;
}
