// Tokeniser throughput on SciFact: @retrievekit/tokenizer vs the Rust `tokenizers` binding vs
// transformers.js, all measured in this run, plus the long-text prefix speedup.
// Build first: pnpm --filter @retrievekit/tokenizer build. Run: node bench/tokenizer/run.mjs [--reps 5]
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { createTokenizer, passageText } from '@retrievekit/tokenizer';
import { Tokenizer as RustTokenizer } from 'tokenizers';

const here = dirname(fileURLToPath(import.meta.url));
const shared = resolve(here, '../../../shared');
const modelDir = join(shared, 'models/tas-b-tokenizer-config');
const repsFlag = process.argv.indexOf('--reps');
const reps = repsFlag > 0 ? Number(process.argv[repsFlag + 1]) : 5;

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const readJsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
const passages = readJsonl(join(shared, 'data/scifact/corpus.jsonl')).map((d) => passageText(d));
const queries = readJsonl(join(shared, 'data/scifact/queries.jsonl')).map((q) => q.text);
const files = {
  tokenizerJson: readJson(join(modelDir, 'tokenizer.json')),
  tokenizerConfig: readJson(join(modelDir, 'tokenizer_config.json')),
};

const rust = RustTokenizer.fromFile(join(modelDir, 'tokenizer.json'));
env.allowRemoteModels = false;
env.localModelPath = join(shared, 'models/');
const transformersJs = await AutoTokenizer.from_pretrained('tas-b-tokenizer-config');

/** Median wall time (ms) of `reps` runs of `run`, after one warm-up run; `setup` (untimed) feeds each run. */
async function median(run, setup = () => undefined) {
  await run(setup());
  const times = [];
  for (let r = 0; r < reps; r++) {
    const input = setup();
    const start = performance.now();
    await run(input);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Rust: batch encode with truncation, then read ids/mask/type ids out (what building tensors needs). */
async function rustBatch(texts, maxLength) {
  rust.setTruncation(maxLength);
  rust.setPadding({ maxLength: undefined });
  const encodings = await rust.encodeBatch(texts);
  for (const e of encodings) {
    e.getIds();
    e.getAttentionMask();
    e.getTypeIds();
  }
  rust.disablePadding();
  rust.disableTruncation();
}

async function throughput(name, texts, maxLength) {
  const opts = { maxLength };
  const rows = [
    [
      '@retrievekit/tokenizer (new tokenizer per run: cold word cache)',
      (fresh) => fresh.encodeBatch(texts, opts),
      () => createTokenizer(files),
    ],
    [
      '@retrievekit/tokenizer (warm word cache)',
      (() => {
        const warm = createTokenizer(files);
        return () => warm.encodeBatch(texts, opts);
      })(),
    ],
    [
      '@retrievekit/tokenizer, accelerate: false (@huggingface/tokenizers encode)',
      (() => {
        const stock = createTokenizer({ ...files, accelerate: false });
        return () => stock.encodeBatch(texts, opts);
      })(),
    ],
    [
      'Rust tokenizers 0.23.2 (encodeBatch, multi-threaded, + getIds/mask/types)',
      () => rustBatch(texts, maxLength),
    ],
    [
      'Rust tokenizers 0.23.2, TOKENIZERS_PARALLELISM=false (one thread)',
      async () => {
        process.env.TOKENIZERS_PARALLELISM = 'false';
        await rustBatch(texts, maxLength);
        delete process.env.TOKENIZERS_PARALLELISM;
      },
    ],
    [
      'transformers.js 4.3.1 (padding + truncation to tensors)',
      () => transformersJs(texts, { padding: true, truncation: true, max_length: maxLength }),
    ],
  ];
  const times = [];
  for (const [label, run, setup] of rows) times.push([label, await median(run, setup)]);
  const rustMs = Math.min(times[3][1], times[4][1]); // the faster Rust configuration
  console.log(`\n${name}: ${texts.length} texts, maxLength ${maxLength}, median of ${reps}`);
  for (const [label, ms] of times) {
    const rate = Math.round((texts.length / ms) * 1000);
    console.log(
      `  ${label.padEnd(80)} ${ms.toFixed(1).padStart(8)} ms ${String(rate).padStart(8)} texts/s  x${(rustMs / ms).toFixed(2)} vs faster Rust`,
    );
  }
}

console.log(
  `Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (absolute times scale with load; compare the ratios)`,
);
const buildStart = performance.now();
createTokenizer(files);
console.log(
  `createTokenizer (TAS-B, 30k vocabulary): ${(performance.now() - buildStart).toFixed(0)} ms, once`,
);
await throughput('SciFact passages', passages, 200);
await throughput('SciFact queries', queries, 30);

// Long texts: one 1 MB text and twenty 100 kB texts, maxLength 512.
let joined = '';
for (let i = 0; joined.length < 1 << 20; i++) joined += `${passages[i % passages.length]} `;
const hundredKb = Array.from({ length: 20 }, (_, k) => joined.slice(k * 50_000, k * 50_000 + 100_000));
const tokenizer = createTokenizer(files);
for (const [name, texts] of [
  ['one 1 MB text', [joined]],
  ['twenty 100 kB texts', hundredKb],
]) {
  const prefix = await median(() => tokenizer.encodeBatch(texts, { maxLength: 512 }));
  const full = await median(() => tokenizer.encodeBatch(texts, { maxLength: 512, countDropped: true }));
  const rustMs = await median(() => rustBatch(texts, 512));
  console.log(`\nLong texts, ${name}, maxLength 512, median of ${reps}`);
  console.log(`  prefix tokenisation (default)        ${prefix.toFixed(2).padStart(9)} ms`);
  console.log(
    `  whole text (countDropped: true)      ${full.toFixed(2).padStart(9)} ms  prefix speedup x${(full / prefix).toFixed(1)}`,
  );
  console.log(
    `  Rust tokenizers (whole text, truncate) ${rustMs.toFixed(2).padStart(7)} ms  prefix speedup x${(rustMs / prefix).toFixed(1)}`,
  );
}
