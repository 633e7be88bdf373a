import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  evaluateMetrics,
  formatFixed,
  getPreset,
  type PresetMetric,
  readQrelsCompact,
  readRunCompact,
} from '@retrievekit/metrics';

// SciFact demo: evaluates the BM25 reference run against SciFact's test qrels with the BEIR preset
// (nDCG@10, R@100) plus MRR@10 and MAP, and prints what was evaluated and the scores.

/** Where the demo writes. */
export interface DemoIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Default shared data folder: `../shared/data` next to the repository root. */
export function defaultSharedDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../..', '../shared/data');
}

const EXTRA: PresetMetric[] = [
  { label: 'MRR@10', measure: 'recip_rank', valueName: 'recip_rank', options: { complete: true, depth: 10 } },
  { label: 'MAP', measure: 'map', valueName: 'map', options: { complete: true } },
];

/** Runs the demo; resolves with the exit code. */
export async function runDemo(io: DemoIO, shared = defaultSharedDir()): Promise<number> {
  const qrelsPath = join(shared, 'scifact/qrels/test.tsv');
  const runPath = join(shared, 'reference-runs/scifact.test.bm25.run');
  for (const path of [qrelsPath, runPath]) {
    if (!existsSync(path)) {
      io.stderr(
        `scifact-demo: ${path} not found (hint: the demo needs the shared data folder ../shared next to the repository)\n`,
      );
      return 1;
    }
  }
  const started = performance.now();
  const [qrels, run] = await Promise.all([readQrelsCompact(qrelsPath), readRunCompact(runPath)]);
  const metrics = [...getPreset('beir').metrics, ...EXTRA];
  const values = evaluateMetrics(qrels, run, metrics);
  const ms = performance.now() - started;
  const out = { write: io.stdout };
  out.write('SciFact (BEIR) test set: BM25 reference run evaluated with trec_eval semantics\n');
  out.write(`  qrels: ${qrelsPath} (${qrels.queries.size} judged queries)\n`);
  out.write(`  run:   ${runPath} (tag ${run.runId}, ${run.queries.size} queries, ${run.numLines} lines)\n\n`);
  out.write(`| Metric  | Value  | trec_eval flags |\n|---------|--------|-----------------|\n`);
  values.forEach((v, i) => {
    const m = metrics[i] as PresetMetric;
    const flags = [
      m.options.complete ? '-c' : '',
      m.options.relevanceLevel ? `-l ${m.options.relevanceLevel}` : '',
      m.options.depth ? `-M ${m.options.depth}` : '',
      `-m ${m.measure}`,
    ]
      .filter(Boolean)
      .join(' ');
    out.write(`| ${v.label.padEnd(7)} | ${formatFixed(v.value, 4)} | ${flags} |\n`);
  });
  out.write(
    `\nEvaluated in ${ms.toFixed(0)} ms. Reproduce one value with: retrievekit eval --preset beir ${qrelsPath} ${runPath}\n`,
  );
  return 0;
}
