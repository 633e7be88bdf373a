import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RetrievekitError } from '@retrievekit/core';
import type { BaseEncoder } from './base-encoder.js';
import type { DistillAdapterOptions } from './run-distill-adapter.js';

const NUMBERS: Record<string, keyof DistillAdapterOptions> = {
  '--dim': 'dim',
  '--steps': 'steps',
  '--batch-size': 'batchSize',
  '--lr': 'learningRate',
  '--weight-decay': 'weightDecay',
  '--clusters': 'clusters',
  '--negatives': 'negativesPerQuery',
  '--depth': 'depth',
  '--seed': 'seed',
  '--train-queries': 'trainQueryLimit',
};

/**
 * Parses `--steps 400 --lr 1e-3 --out out --data DIR --encoder ./my-encoder.js ...`. `--encoder` names
 * an ES module whose `createEncoder()` returns a {@link BaseEncoder} (or a promise of one).
 */
export async function parseOptions(args: readonly string[]): Promise<DistillAdapterOptions> {
  const options: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] as string;
    const value = args[i + 1];
    if (value === undefined) {
      throw new RetrievekitError('INVALID_ARGUMENT', `${flag} needs a value`, { where: { field: flag } });
    }
    const key = NUMBERS[flag];
    if (key !== undefined) {
      const number = Number(value);
      if (!Number.isFinite(number)) {
        throw new RetrievekitError('INVALID_ARGUMENT', `${flag} must be a number, got ${value}`, {
          where: { field: flag },
        });
      }
      options[key] = number;
    } else if (flag === '--out') options.outDir = value;
    else if (flag === '--data') options.dataDir = value;
    else if (flag === '--encoder') {
      const module = (await import(pathToFileURL(resolve(value)).href)) as {
        createEncoder?: () => BaseEncoder | Promise<BaseEncoder>;
      };
      if (typeof module.createEncoder !== 'function') {
        throw new RetrievekitError('INVALID_ARGUMENT', `${value} exports no createEncoder()`, {
          where: { field: '--encoder' },
          hint: 'export function createEncoder() returning { name, dim, encodeQueries, encodePassages }',
        });
      }
      options.encoder = await module.createEncoder();
    } else {
      throw new RetrievekitError('INVALID_ARGUMENT', `unknown option ${flag}`, {
        where: { field: flag },
        hint: `options: ${[...Object.keys(NUMBERS), '--out', '--data', '--encoder'].join(' ')}`,
      });
    }
  }
  return options as DistillAdapterOptions;
}
