import type { Command } from '../command.js';
import { withInterrupt } from '../interrupt.js';
import { choiceFlag, parseFlags, requiredFlag, stringFlag, usageError } from '../parse-flags.js';
import type { RuntimeIO } from '../runtime-io.js';
import { stderrProgress } from '../stderr-progress.js';
import { type ConvertSettings, HEAD_OUTPUT } from './convert-layout.js';
import { convertModel } from './convert-model.js';

const HELP = `Usage: retrievekit convert SOURCE --out DIR [--head dense|splade|cross] [--pooling cls|mean|max]
                           [--normalize] [--dtype fp32|fp16|int8] [--fused] [--force] [--json]

Converts a DistilBERT or BERT checkpoint (SOURCE: a folder with config.json and model.safetensors or
pytorch_model.bin, or a Hugging Face repository id, downloaded first) into a folder that retrievekit's
encoders and transformers.js load:
  onnx/model.onnx           the encoder with the chosen head (opset 17; --fused: onnxruntime contrib ops)
  tokenizer.json            copied, or synthesised from vocab.txt
  config.json, tokenizer_config.json, special_tokens_map.json, vocab.txt   copied when present
  modules.json, 1_Pooling/config.json   sentence-transformers pooling layout (dense head)
  retrievekit.json          head, pooling, normalisation, dtype and output name
The folder is written beside DIR under a temporary name and renamed into place at the end.

Options:
  --out DIR          output folder (required; must not exist unless --force)
  --head H           dense (sentence_embedding, default), splade (sparse_embedding), cross (logits)
  --pooling P        dense head pooling: cls (default), mean or max
  --normalize        dense head: L2-normalise the embedding
  --dtype D          weight storage: fp32 (default), fp16, int8 (per-row quantised linear layers)
  --fused            emit onnxruntime contrib ops (Attention, SkipLayerNormalization): faster on
                     onnxruntime, not loadable by other ONNX runtimes
  --cache DIR, --revision R, --offline, --endpoint URL   for a repository id (see "download model")
  --force            replace an existing --out folder
  --json             print {"dir", "output", ...} as JSON
  -h, --help         this help

Examples:
  retrievekit convert sentence-transformers/msmarco-distilbert-base-tas-b --out tas-b
  retrievekit convert ./my-checkpoint --out my-onnx --head dense --pooling mean --normalize
  retrievekit convert naver/splade-cocondenser-ensembledistil --out splade --head splade --dtype int8
  retrievekit convert cross-encoder/ms-marco-MiniLM-L-6-v2 --out reranker --head cross --fused

Exit codes: 0 ok, 1 bad checkpoint or runtime error, 2 usage error, 130 interrupted.`;

const FLAGS = {
  out: { type: 'string', short: 'o' },
  head: { type: 'string' },
  pooling: { type: 'string' },
  normalize: { type: 'boolean' },
  dtype: { type: 'string' },
  fused: { type: 'boolean' },
  cache: { type: 'string' },
  revision: { type: 'string' },
  offline: { type: 'boolean' },
  endpoint: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Runs `retrievekit convert` with the command line after the command name. */
export async function runConvert(argv: readonly string[], io: RuntimeIO): Promise<void> {
  const flags = parseFlags(argv, FLAGS);
  if (flags.values.help === true) return void io.stdout(`${HELP}\n`);
  const [source, ...extra] = flags.positionals;
  if (source === undefined) throw usageError('SOURCE', 'missing the checkpoint folder or repository id');
  if (extra.length > 0) throw usageError('argv', `unexpected argument "${extra[0]}"`);
  const out = requiredFlag(flags, 'out');
  const settings: ConvertSettings = {
    head: choiceFlag(flags, 'head', ['dense', 'splade', 'cross'], 'dense'),
    pooling: choiceFlag(flags, 'pooling', ['cls', 'mean', 'max'], 'cls'),
    normalize: flags.values.normalize === true,
    dtype: choiceFlag(flags, 'dtype', ['fp32', 'fp16', 'int8'], 'fp32'),
    fused: flags.values.fused === true,
  };
  if (settings.head !== 'dense' && (flags.values.pooling !== undefined || settings.normalize))
    throw usageError(
      '--pooling',
      `--pooling and --normalize apply to --head dense only, not ${settings.head}`,
    );
  const cacheDir = stringFlag(flags, 'cache');
  const revision = stringFlag(flags, 'revision');
  const endpoint = stringFlag(flags, 'endpoint');
  const hub = {
    ...(cacheDir === undefined ? {} : { cacheDir }),
    ...(revision === undefined ? {} : { revision }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(flags.values.offline === true ? { offline: true } : {}),
  };
  const bar = stderrProgress(io, `convert ${source}`);
  try {
    const dir = await withInterrupt(io, (signal) =>
      convertModel(source, out, settings, {
        signal,
        hub,
        force: flags.values.force === true,
        onProgress: (p) => bar.update(p),
      }),
    );
    bar.finish();
    const output = HEAD_OUTPUT[settings.head];
    io.stdout(flags.values.json === true ? `${JSON.stringify({ dir, output, ...settings })}\n` : `${dir}\n`);
  } finally {
    bar.finish();
  }
}

/** `retrievekit convert`: a PyTorch / safetensors checkpoint to an ONNX model folder. */
export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert a DistilBERT/BERT checkpoint to an ONNX model folder (dense, SPLADE, cross-encoder)',
  help: HELP,
  run: runConvert,
};
