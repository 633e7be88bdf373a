// Evaluates QRELS RUN with `-m all_trec` through @retrievekit/metrics (built dist) and prints JSON timings.
// Run in its own process so that maxRSS covers the evaluation only.
import { writeFileSync } from 'node:fs';
import {
  evaluate,
  formatTrecEval,
  readQrelsCompact,
  readRunCompact,
} from '../../packages/metrics/dist/index.js';

const [qrelsPath, runPath, outPath] = process.argv.slice(2);
const cpu0 = process.cpuUsage();
const started = performance.now();
const [qrels, run] = await Promise.all([readQrelsCompact(qrelsPath), readRunCompact(runPath)]);
const parsed = performance.now();
const result = evaluate(qrels, run, { measures: ['all_trec'] });
const text = formatTrecEval(result);
const done = performance.now();
if (outPath) writeFileSync(outPath, text);
process.stdout.write(
  `${JSON.stringify({
    lines: run.numLines,
    parseSeconds: (parsed - started) / 1000,
    evalSeconds: (done - parsed) / 1000,
    wallSeconds: (done - started) / 1000,
    cpuSeconds: (() => {
      const c = process.cpuUsage(cpu0);
      return (c.user + c.system) / 1e6;
    })(),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
