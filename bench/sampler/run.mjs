// Benchmark of @retrievekit/sampler: teacher-file loading, TAS-Balanced batch throughput and the k-means
// assignment step. Each figure is printed with a ratio against a named peer measured in the same run.
// Build first: (cd packages/sampler && pnpm exec tsup). Run from the repo root:
//   node bench/sampler/run.mjs [--lines 40000000] [--queries 400000] [--kmeans-rows 400000] [--dim 768] [--k 2000]
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createDenseBatch } from '../../packages/core/dist/index.js';
import {
  createJsAssignmentKernel,
  createOnnxAssignmentKernel,
  createRandomSampler,
  createSeededRandom,
  createTasBalancedSampler,
  kMeans,
  readTeacherPairs,
  samplerStatistics,
} from '../../packages/sampler/dist/index.js';

const args = {};
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg.startsWith('--')) args[arg.slice(2)] = Number(process.argv[++i]);
}
const LINES = args.lines ?? 40_000_000;
const QUERIES = args.queries ?? 400_000;
const KMEANS_ROWS = args['kmeans-rows'] ?? 400_000;
const DIM = args.dim ?? 768;
const K = args.k ?? 2000;
const PEER_LINES = Math.min(LINES, 2_000_000);
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const now = () => performance.now() / 1000;

/** Writes `lines` synthetic lines like the MS MARCO T2 file ("12.345678\t-3.210987\tqid\tpid\tpid"), as bytes. */
function generateTeacherFile(path, lines, queries, seed) {
  const random = createSeededRandom(seed);
  const fd = openSync(path, 'w');
  const buffer = Buffer.allocUnsafe(1 << 22);
  let at = 0;
  const digits = (value) => {
    const text = String(value);
    at += buffer.write(text, at, 'latin1');
  };
  const score = (micro) => {
    if (micro < 0) {
      buffer[at++] = 0x2d;
      micro = -micro;
    }
    digits(Math.floor(micro / 1e6));
    buffer[at++] = 0x2e;
    const fraction = micro % 1e6;
    for (let p = 100000; p >= 1; p /= 10) buffer[at++] = 0x30 + (Math.floor(fraction / p) % 10);
  };
  for (let i = 0; i < lines; i++) {
    if (at > buffer.length - 128) {
      writeSync(fd, buffer, 0, at);
      at = 0;
    }
    score(2_000_000 + random.int(10_000_000));
    buffer[at++] = 0x09;
    score(random.int(14_000_000) - 6_000_000);
    buffer[at++] = 0x09;
    digits(1_000_000 + random.int(queries) * 3);
    buffer[at++] = 0x09;
    digits(random.int(8_841_823));
    buffer[at++] = 0x09;
    digits(random.int(8_841_823));
    buffer[at++] = 0x0a;
  }
  writeSync(fd, buffer, 0, at);
  closeSync(fd);
}

/** The peer: node:readline + String.split + Number(), into typed arrays with a Map for query ids. */
async function readlinePeer(path, limit) {
  const pos = new Float32Array(limit);
  const neg = new Float32Array(limit);
  const pids = new Int32Array(limit * 2);
  const queries = new Map();
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (n === limit) break;
    const f = line.split('\t');
    pos[n] = Number(f[0]);
    neg[n] = Number(f[1]);
    if (!queries.has(f[2])) queries.set(f[2], queries.size);
    pids[2 * n] = Number(f[3]);
    pids[2 * n + 1] = Number(f[4]);
    n++;
  }
  return n;
}

const dir = mkdtempSync(join(tmpdir(), 'retrievekit-bench-sampler-'));
try {
  const file = join(dir, 'teacher.tsv');
  let t = now();
  generateTeacherFile(file, LINES, QUERIES, 1);
  console.log(`generated ${LINES.toLocaleString()} lines in ${(now() - t).toFixed(1)} s`);

  // --- loading -----------------------------------------------------------------------------------
  t = now();
  const peerCount = await readlinePeer(file, PEER_LINES);
  const peerRate = peerCount / (now() - t);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  t = now();
  const cpuBefore = process.cpuUsage();
  const pairs = await readTeacherPairs(file);
  const loadSeconds = now() - t;
  const cpu = process.cpuUsage(cpuBefore);
  const loadCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rssAfter = process.memoryUsage().rss;
  const rate = pairs.size / loadSeconds;
  console.log(
    `load: ${pairs.size.toLocaleString()} pairs, ${pairs.queryCount.toLocaleString()} queries in ${loadSeconds.toFixed(1)} s = ${(rate / 1e6).toFixed(2)} M lines/s wall, ${(pairs.size / loadCpuSeconds / 1e6).toFixed(2)} M lines/s of CPU time (${loadCpuSeconds.toFixed(1)} s CPU)`,
  );
  console.log(
    `  peer (readline + split + Number, ${PEER_LINES.toLocaleString()} lines): ${(peerRate / 1e6).toFixed(2)} M lines/s -> ratio ${(rate / peerRate).toFixed(1)}x`,
  );
  console.log(
    `  RSS ${mib(rssBefore)} -> ${mib(rssAfter)} (+${mib(rssAfter - rssBefore)}); typed arrays ${mib(process.memoryUsage().arrayBuffers)}`,
  );

  // --- batches -----------------------------------------------------------------------------------
  const random = createSeededRandom(2);
  const clusters = Array.from({ length: K }, () => []);
  for (let q = 0; q < pairs.queryCount; q++) clusters[random.int(K)].push(pairs.queryId(q));
  t = now();
  const tas = createTasBalancedSampler(pairs, clusters, { batchSize: 256, seed: 3 });
  console.log(
    `TAS-Balanced setup (bins of ${pairs.queryCount.toLocaleString()} queries): ${(now() - t).toFixed(1)} s, RSS ${mib(process.memoryUsage().rss)}`,
  );
  const stats = samplerStatistics(tas.clusters, tas.bins);
  console.log(
    `  clusters ${stats.clusterCount}, sizes ${stats.clusterSizeMin}..${stats.clusterSizeMax}; pairs per bin ${[...stats.pairsPerBin].join(' ')}`,
  );
  const baseline = createRandomSampler(pairs, { batchSize: 256, seed: 3 });
  const throughput = (sampler, count) => {
    const start = now();
    for (let i = 0; i < count; i++) sampler.next();
    return count / (now() - start);
  };
  const tasRate = throughput(tas, 3000);
  const randomRate = throughput(baseline, 3000);
  console.log(
    `batches/s at 256: TAS-Balanced ${tasRate.toFixed(0)}, peer random sampler ${randomRate.toFixed(0)} -> ratio ${(tasRate / randomRate).toFixed(2)}x`,
  );

  // --- k-means -----------------------------------------------------------------------------------
  const vr = createSeededRandom(4);
  const data = new Float32Array(KMEANS_ROWS * DIM);
  for (let i = 0; i < data.length; i++) data[i] = vr.float() - 0.5;
  const vectors = createDenseBatch(data, KMEANS_ROWS, DIM);
  const onnx = await createOnnxAssignmentKernel();
  t = now();
  const result = await kMeans(vectors, { k: K, iterations: 1, seed: 5, kernel: onnx });
  const total = now() - t;
  const flop = 2 * KMEANS_ROWS * K * DIM;
  const passes = result.assignmentSeconds;
  const perPass = passes.reduce((a, b) => a + b, 0) / passes.length;
  console.log(
    `k-means ${KMEANS_ROWS.toLocaleString()} x ${DIM}, k = ${K}: ${total.toFixed(1)} s for init + ${result.iterations} iteration(s); assignment pass ${perPass.toFixed(1)} s = ${(flop / perPass / 1e9).toFixed(1)} GFLOP/s (onnxruntime-node)`,
  );
  console.log(
    `  seconds per iteration (update + assignment): ${((total - (passes[0] ?? 0)) / Math.max(1, result.iterations)).toFixed(1)}`,
  );
  const peerRows = Math.min(KMEANS_ROWS, 4000);
  const sub = createDenseBatch(data.subarray(0, peerRows * DIM), peerRows, DIM);
  const centroids = result.centroids;
  const js = createJsAssignmentKernel();
  t = now();
  await js.assign(sub, centroids, new Int32Array(peerRows), new Float32Array(peerRows));
  const jsRate = (2 * peerRows * K * DIM) / (now() - t) / 1e9;
  console.log(
    `  peer blocked JS kernel (${peerRows} rows): ${jsRate.toFixed(2)} GFLOP/s -> onnxruntime-node ratio ${(flop / perPass / 1e9 / jsRate).toFixed(1)}x`,
  );
  await onnx.dispose();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
