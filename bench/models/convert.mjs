// Conversion benchmark of @retrievekit/models: a full-size TAS-B-shaped checkpoint (random weights) read
// from model.safetensors and from pytorch_model.bin, built and written as ONNX, each conversion in its own
// child process so that its peak RSS (process.resourceUsage().maxRSS) is its own.
// Build first: pnpm --filter @retrievekit/models build; then: node bench/models/convert.mjs
// Targets (models issue): under 10 s and under 2x the weight bytes in memory per conversion.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = join(here, '../../packages/models');
const models = await import(pathToFileURL(join(pkg, 'dist/index.js')).href);
const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// Peer: the same read with the copying parsers (`{ copy: true }`, the default of parseSafetensors and
// parsePytorchCheckpoint; readCheckpoint used them before it switched to views): file bytes + copies.
function copyingRead(dir, format) {
  const file = format === 'safetensors' ? 'model.safetensors' : 'pytorch_model.bin';
  const config = models.parseModelConfig(
    JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')),
    join(dir, 'config.json'),
  );
  const bytes = readFileSync(join(dir, file));
  const raw =
    format === 'safetensors'
      ? models.parseSafetensors(bytes, file).tensors
      : models.parsePytorchCheckpoint(bytes, file);
  return {
    config,
    ...models.resolveWeights(raw, config, file),
    source: { format, files: [`${file} (copying peer)`] },
  };
}

// Child: what `retrievekit convert` does (packages/cli/src/commands/convert-model.ts).
async function convertPhase(dir, prefer) {
  const base = peakRss();
  const t0 = performance.now();
  const checkpoint = prefer.endsWith('-copy')
    ? copyingRead(dir, prefer.slice(0, -'-copy'.length))
    : await models.readCheckpoint(dir, { prefer });
  const tRead = performance.now() - t0;
  const afterRead = peakRss();
  const unique = new Set([...checkpoint.weights.values()].map((t) => t.data));
  const weightBytes = [...unique].reduce((s, d) => s + d.byteLength, 0);
  const t1 = performance.now();
  const { tokenizerJson } = await models.ensureTokenizerJson(dir);
  const model = models.buildTransformerModel({
    config: models.transformerConfigOf(checkpoint.config),
    weights: checkpoint.weights,
    head: { kind: 'embedding', pooling: 'cls', normalize: false },
  });
  const out = mkdtempSync(join(tmpdir(), 'rk-convert-out-'));
  await mkdir(join(out, 'onnx'));
  await models.writeModelFile(join(out, 'onnx', 'model.onnx'), model);
  await writeFile(join(out, 'tokenizer.json'), JSON.stringify(tokenizerJson, null, 2));
  const tWrite = performance.now() - t1;
  const onnxBytes = statSync(join(out, 'onnx', 'model.onnx')).size;
  rmSync(out, { recursive: true });
  const peak = peakRss();
  console.log(
    JSON.stringify({
      prefer,
      source: checkpoint.source,
      weightBytes,
      onnxBytes,
      tRead,
      tWrite,
      base,
      afterRead,
      peak,
    }),
  );
}

// A torch.save(state_dict) zip (torch >= 1.6 layout, STORED entries, pickle protocol 2), written here
// because the package has no PyTorch writer. Layout follows torch/serialization.py `_save`.
function torchPickle(weights) {
  const parts = [];
  const byte = (...b) => parts.push(Uint8Array.from(b));
  const text = (s) => parts.push(new TextEncoder().encode(s));
  const str = (s) => {
    const b = new TextEncoder().encode(s);
    const n = new Uint8Array(5);
    n[0] = 0x58; // BINUNICODE
    new DataView(n.buffer).setUint32(1, b.length, true);
    parts.push(n, b);
  };
  const int = (v) => {
    const n = new Uint8Array(5);
    n[0] = 0x4a; // BININT
    new DataView(n.buffer).setInt32(1, v, true);
    parts.push(n);
  };
  const tuple = (values) => {
    byte(0x28);
    for (const v of values) int(v);
    byte(0x74);
  };
  byte(0x80, 2);
  text('ccollections\nOrderedDict\n');
  byte(0x29, 0x52, 0x28); // EMPTY_TUPLE REDUCE MARK
  let key = 0;
  for (const [name, tensor] of weights) {
    str(name);
    text('ctorch._utils\n_rebuild_tensor_v2\n');
    byte(0x28, 0x28); // MARK (args) MARK (persistent id)
    str('storage');
    text('ctorch\nFloatStorage\n');
    str(String(key++));
    str('cpu');
    int(tensor.data.length);
    byte(0x74, 0x51); // TUPLE BINPERSID
    int(0);
    tuple(tensor.shape);
    const stride = tensor.shape.map((_, i) => tensor.shape.slice(i + 1).reduce((a, b) => a * b, 1));
    tuple(stride);
    byte(0x89); // NEWFALSE
    text('ccollections\nOrderedDict\n');
    byte(0x29, 0x52, 0x74, 0x52); // EMPTY_TUPLE REDUCE TUPLE REDUCE
  }
  byte(0x75, 0x2e); // SETITEMS STOP
  return Buffer.concat(parts);
}

// Stored entries, each tensor's data 64-byte aligned by padding in an extra field as torch's writer does.
function torchZip(weights) {
  const require = createRequire(join(pkg, 'package.json'));
  const { zipSync } = require('fflate');
  const files = {
    'archive/data.pkl': [new Uint8Array(torchPickle(weights)), {}],
    'archive/byteorder': [new TextEncoder().encode('little'), {}],
    'archive/version': [new TextEncoder().encode('3\n'), {}],
  };
  let offset = 0;
  for (const [name, [data]] of Object.entries(files)) offset += 30 + name.length + data.length;
  let key = 0;
  for (const t of weights.values()) {
    const name = `archive/data/${key++}`;
    const headerEnd = offset + 30 + name.length + 4;
    const pad = (64 - (headerEnd % 64)) % 64;
    const data = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    files[name] = [data, { extra: { 16966: new Uint8Array(pad) } }];
    offset = headerEnd + pad + data.length;
  }
  return zipSync(files, { level: 0 });
}

// Child: writes the checkpoint folder (in its own process, so that the parent stays small: Linux carries
// a process's peak RSS over fork + exec into the children it spawns).
function writePhase(dir) {
  const t0 = performance.now();
  const all = models.randomWeights(models.tasbDistilBertConfig, 20260101);
  // The TAS-B repository holds the encoder only (DistilBertModel): no MLM or classifier head.
  const weights = new Map([...all].filter(([name]) => name.startsWith('distilbert.')));
  writeFileSync(join(dir, 'model.safetensors'), models.encodeSafetensors(weights));
  const zip = torchZip(weights);
  writeFileSync(join(dir, 'pytorch_model.bin'), zip);
  const parsed = models.parsePytorchCheckpoint(zip, 'pytorch_model.bin', { copy: false });
  const views = [...parsed.values()].filter((t) => t.data.buffer === zip.buffer).length;
  console.log(`pytorch_model.bin: ${views} of ${parsed.size} tensors read as aligned zero-copy views`);
  const tokenizerFiles = join(here, '../../../shared/models/tas-b-tokenizer-config');
  for (const name of ['config.json', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'])
    copyFileSync(join(tokenizerFiles, name), join(dir, name));
  console.log(
    `checkpoint written in ${((performance.now() - t0) / 1000).toFixed(1)} s: model.safetensors ${mib(statSync(join(dir, 'model.safetensors')).size)} MiB,` +
      ` pytorch_model.bin ${mib(statSync(join(dir, 'pytorch_model.bin')).size)} MiB (${weights.size} tensors, fp32)`,
  );
}

if (process.argv[2] === '--convert-phase') {
  await convertPhase(process.argv[3], process.argv[4]);
  process.exit(0);
}
if (process.argv[2] === '--write-phase') {
  writePhase(process.argv[3]);
  process.exit(0);
}

console.log(
  `# @retrievekit/models conversion bench: TAS-B shape (6 x 768, 12 heads, 3072 FFN, vocab 30522), node ${process.version}`,
);
const dir = mkdtempSync(join(tmpdir(), 'rk-convert-src-'));
try {
  const writer = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--write-phase', dir], {
    encoding: 'utf8',
  });
  if (writer.status !== 0) throw new Error(`writing the checkpoint failed: ${writer.stderr}`);
  process.stdout.write(writer.stdout);
  console.log(
    `parent peak RSS before the conversions: ${mib(peakRss())} MiB (children inherit it as their floor)`,
  );
  console.log(
    '\n| source | read checkpoint s | build + write ONNX + tokenizer.json s | total s | peak RSS MiB | peak / weights | above baseline / weights | load average |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const reps = process.argv.includes('--quick') ? 1 : 2;
  for (let rep = 0; rep < reps; rep++) {
    for (const prefer of ['safetensors', 'safetensors-copy', 'pytorch', 'pytorch-copy']) {
      const before = load();
      const child = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--convert-phase', dir, prefer],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`${prefer} conversion failed: ${child.stderr}`);
      const r = JSON.parse(child.stdout.trim().split('\n').at(-1));
      const total = (r.tRead + r.tWrite) / 1000;
      console.log(
        `| ${r.source.files.join(', ')} (${mib(r.weightBytes)} MiB weights) | ${(r.tRead / 1000).toFixed(2)} | ${(r.tWrite / 1000).toFixed(2)} |` +
          ` ${total.toFixed(2)} | ${mib(r.peak)} | ${(r.peak / r.weightBytes).toFixed(2)}x |` +
          ` ${((r.peak - r.base) / r.weightBytes).toFixed(2)}x | ${before} on ${cpus().length} cores |`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
