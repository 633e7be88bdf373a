// Benchmark: trec_eval -m all_trec on an MS MARCO dev-sized run, retrievekit vs trec_eval (when installed).
// Usage: pnpm --filter @retrievekit/metrics build && node bench/metrics/run.mjs [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(tmpdir(), 'retrievekit-bench-metrics');
const qrels = join(dir, 'qrels.dev.txt');
const run = join(dir, 'run.dev.txt');
const TREC_EVAL_ANCHOR = {
  seconds: 7,
  rssMiB: 512,
  source: 'issue anchor: trec_eval 10.0, MS MARCO dev-sized run',
};

mkdirSync(dir, { recursive: true });
if (!existsSync(run) || !existsSync(qrels)) {
  const t = performance.now();
  await generate(dir);
  console.log(`generated ${run} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const sizeMiB = statSync(run).size / 2 ** 20;
const load = (await import('node:os')).loadavg()[0];
console.log(
  `machine: ${(await import('node:os')).cpus().length} cores, load average ${load.toFixed(1)} (wall times inflate with load)`,
);
console.log(
  `run: ${sizeMiB.toFixed(0)} MiB, qrels: ${readFileSync(qrels, 'utf8').split('\n').length - 1} judgments`,
);

function timeCommand(cmd, args) {
  const useTime = existsSync('/usr/bin/time');
  const full = useTime ? ['/usr/bin/time', ['-f', '%e %M', cmd, ...args]] : [cmd, args];
  const t = performance.now();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - t) / 1000;
  const last = useTime ? r.stderr.trim().split('\n').pop() : '';
  const rssMiB = useTime ? Number(last.split(' ')[1]) / 1024 : Number.NaN;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, wall, rssMiB };
}

const ours = [];
for (let i = 0; i < 3; i++) {
  const r = spawnSync(process.execPath, [join(here, 'eval-once.mjs'), qrels, run, join(dir, 'ours.txt')], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  ours.push(JSON.parse(r.stdout));
}
ours.sort((a, b) => a.wallSeconds - b.wallSeconds);
const best = ours[0];
console.log(
  `retrievekit  -m all_trec: ${best.wallSeconds.toFixed(2)} s (parse ${best.parseSeconds.toFixed(2)} s, evaluate+format ${best.evalSeconds.toFixed(2)} s), ` +
    `CPU ${best.cpuSeconds.toFixed(2)} s, peak RSS ${best.maxRssMiB.toFixed(0)} MiB, ${(best.lines / best.wallSeconds / 1e6).toFixed(2)} M lines/s (best of 3)`,
);

const which = spawnSync('sh', ['-c', 'command -v trec_eval'], { encoding: 'utf8' }).stdout.trim();
if (which) {
  const peer = timeCommand(which, ['-m', 'all_trec', qrels, run]);
  const same = peer.stdout === readFileSync(join(dir, 'ours.txt'), 'utf8');
  console.log(
    `trec_eval    -m all_trec: ${peer.wall.toFixed(2)} s, peak RSS ${peer.rssMiB.toFixed(0)} MiB (${which})`,
  );
  console.log(
    `speed-up ${(peer.wall / best.wallSeconds).toFixed(2)}x, memory ratio ${(best.maxRssMiB / peer.rssMiB).toFixed(2)}, output identical: ${same}`,
  );
} else {
  const a = TREC_EVAL_ANCHOR;
  console.log(`trec_eval not installed here; anchor: ${a.seconds} s / ${a.rssMiB} MiB (${a.source})`);
  console.log(
    `speed-up vs anchor ${(a.seconds / best.wallSeconds).toFixed(2)}x, memory ${(best.maxRssMiB / a.rssMiB).toFixed(2)} of anchor`,
  );
}
if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
