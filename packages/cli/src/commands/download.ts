import { downloadBeirDataset } from '@retrievekit/datasets';
import { downloadModel } from '@retrievekit/models';
import type { Command } from '../command.js';
import { withInterrupt } from '../interrupt.js';
import { parseFlags, stringFlag, usageError } from '../parse-flags.js';
import type { RuntimeIO } from '../runtime-io.js';
import { stderrProgress } from '../stderr-progress.js';

const HELP = `Usage: retrievekit download beir NAME [--cache DIR] [--base-url URL] [--json]
       retrievekit download model REPO_ID [--revision R] [--cache DIR] [--offline] [--endpoint URL] [--json]

Downloads a BEIR dataset (zip fetched, md5-verified, unpacked atomically into the cache) or a model
from the Hugging Face hub (ONNX export preferred, else safetensors / pytorch_model.bin, plus config and
tokenizer files). Transfers resume after a failure or Ctrl-C; prints the local folder on stdout.

Options:
  --cache DIR        cache folder (default: $RETRIEVEKIT_CACHE/datasets or ~/.cache/retrievekit/...)
  --base-url URL     BEIR: where NAME.zip is served (default: the public BEIR server)
  --revision R       model: branch, tag or commit (default main)
  --endpoint URL     model: hub base URL (default $HF_ENDPOINT, else https://huggingface.co)
  --offline          model: use only the cache (also HF_HUB_OFFLINE=1)
  --json             print {"dir", ...} as JSON instead of the folder
  -h, --help         this help

Progress goes to stderr: a bar on a terminal, a plain line every 30 s otherwise.

Examples:
  retrievekit download beir scifact
  retrievekit download beir nfcorpus --cache ./data --json
  retrievekit download model sentence-transformers/msmarco-distilbert-base-tas-b
  retrievekit download model naver/splade-cocondenser-ensembledistil --revision main --offline

Exit codes: 0 ok, 1 network or data error, 2 usage error, 130 interrupted.`;

const FLAGS = {
  cache: { type: 'string' },
  'base-url': { type: 'string' },
  revision: { type: 'string' },
  endpoint: { type: 'string' },
  offline: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Runs `retrievekit download` with the command line after the command name. */
export async function runDownload(argv: readonly string[], io: RuntimeIO): Promise<void> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.values.help === true) return void io.stdout(`${HELP}\n`);
  const [kind, name, ...extra] = flags.positionals;
  if (kind !== 'beir' && kind !== 'model')
    throw usageError(
      'KIND',
      `expected "beir" or "model", got ${kind === undefined ? 'nothing' : `"${kind}"`}`,
    );
  if (name === undefined)
    throw usageError('NAME', `missing the ${kind === 'beir' ? 'dataset name' : 'repository id'}`);
  if (extra.length > 0) throw usageError('argv', `unexpected argument "${extra[0]}"`);
  const cacheDir = stringFlag(flags, 'cache');
  const json = flags.values.json === true;
  const bar = stderrProgress(io, `download ${name}`);
  try {
    if (kind === 'beir') {
      for (const flag of ['revision', 'offline', 'endpoint'])
        if (flags.values[flag] !== undefined)
          throw usageError(`--${flag}`, `--${flag} applies to "download model" only`);
      const baseUrl = stringFlag(flags, 'base-url');
      const result = await withInterrupt(io, (signal) =>
        downloadBeirDataset(name, {
          signal,
          onProgress: (p) => bar.update(p),
          ...(cacheDir === undefined ? {} : { cacheDir }),
          ...(baseUrl === undefined ? {} : { baseUrl }),
        }),
      );
      bar.finish();
      io.stdout(json ? `${JSON.stringify(result)}\n` : `${result.dir}\n`);
      return;
    }
    if (flags.values['base-url'] !== undefined)
      throw usageError(
        '--base-url',
        '--base-url applies to "download beir" only',
        'use --endpoint for another hub',
      );
    const revision = stringFlag(flags, 'revision');
    const endpoint = stringFlag(flags, 'endpoint');
    const result = await withInterrupt(io, (signal) =>
      downloadModel(name, {
        signal,
        onProgress: (p) => bar.update(p),
        ...(cacheDir === undefined ? {} : { cacheDir }),
        ...(revision === undefined ? {} : { revision }),
        ...(endpoint === undefined ? {} : { endpoint }),
        ...(flags.values.offline === true ? { offline: true } : {}),
      }),
    );
    bar.finish();
    io.stdout(json ? `${JSON.stringify(result)}\n` : `${result.dir}\n`);
  } finally {
    bar.finish();
  }
}

/** `retrievekit download`: BEIR datasets and hub models into the cache. */
export const downloadCommand: Command = {
  name: 'download',
  summary: 'download a BEIR dataset or a Hugging Face model into the cache (resumable)',
  help: HELP,
  run: runDownload,
};
