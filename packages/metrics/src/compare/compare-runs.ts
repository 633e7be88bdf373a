import type { Qrels, Run } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { evaluate, perQueryValues } from '../eval/evaluate.js';
import type { PresetMetric } from '../presets.js';
import { adjustPValues, type Correction } from '../stats/correction.js';
import { type PairedTestResult, pairedTTest, randomizationTest } from '../stats/paired-tests.js';
import { type CompactQrels, compactQrels, isCompactQrels } from '../store/compact-qrels.js';
import { type CompactRun, compactRun, isCompactRun } from '../store/compact-run.js';

/** A run to compare, with the name shown in the table. */
export interface NamedRun {
  name: string;
  run: Run | CompactRun;
}

/** Options of {@link compareRuns}. */
export interface CompareOptions {
  /** Metrics to report (e.g. `getPreset('beir').metrics`). */
  metrics: readonly PresetMetric[];
  /** Paired test: `'t-test'` (default) or `'randomization'`. */
  test?: 't-test' | 'randomization';
  /** Permutations of the randomization test (default 10,000). */
  permutations?: number;
  /** Seed of the randomization test (default 42). */
  seed?: number;
  /** Correction across the compared systems, per metric (default `'holm'`). */
  correction?: Correction;
  /** Significance level (default 0.05). */
  alpha?: number;
}

/** One cell: a run's value of a metric and, for non-baseline runs, the test against the baseline. */
export interface ComparisonCell {
  value: number;
  /** Raw two-sided p-value (undefined for the baseline). */
  pValue?: number;
  /** p-value after the correction. */
  adjustedPValue?: number;
  /** adjustedPValue < alpha. */
  significant?: boolean;
  /** Sign of the mean difference against the baseline. */
  direction?: 'better' | 'worse' | 'same';
}

/** A comparison of several runs against a baseline (the first run). */
export interface ComparisonTable {
  metrics: string[];
  runs: { name: string; cells: ComparisonCell[] }[];
  baseline: string;
  test: 't-test' | 'randomization';
  correction: Correction;
  alpha: number;
  /** Number of paired queries per metric. */
  numQueries: number[];
}

function perQuery(
  qrels: CompactQrels,
  run: CompactRun,
  metric: PresetMetric,
): { value: number; byQuery: Map<string, number> } {
  const result = evaluate(qrels, run, { ...metric.options, measures: [metric.measure] });
  const c = result.columns.findIndex((col) => col.name === metric.valueName);
  if (c < 0) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `metric ${metric.label}: ${metric.measure} does not produce ${metric.valueName}`,
      {
        where: { field: 'metrics' },
      },
    );
  }
  return { value: result.summary[c] as number, byQuery: perQueryValues(result, metric.valueName) };
}

/**
 * Compares runs against the first one (the baseline): each metric's value per run, a paired test on the
 * per-query values of the queries both runs were scored on, and a Bonferroni/Holm correction across the
 * compared runs.
 *
 * @example
 * ```ts
 * const table = compareRuns(qrels, [{ name: 'bm25', run: bm25 }, { name: 'dense', run: dense }], {
 *   metrics: getPreset('beir').metrics,
 * });
 * console.log(renderComparisonMarkdown(table));
 * ```
 */
export function compareRuns(
  qrels: Qrels | CompactQrels,
  runs: readonly NamedRun[],
  options: CompareOptions,
): ComparisonTable {
  if (runs.length < 1) throw new RetrievekitError('INVALID_ARGUMENT', 'compareRuns needs at least one run');
  const cq = isCompactQrels(qrels) ? qrels : compactQrels(qrels);
  const compact = runs.map((r) => (isCompactRun(r.run) ? r.run : compactRun(r.run, r.name)));
  const test = options.test ?? 't-test';
  const correction = options.correction ?? 'holm';
  const alpha = options.alpha ?? 0.05;
  const table: ComparisonTable = {
    metrics: options.metrics.map((m) => m.label),
    runs: runs.map((r) => ({ name: r.name, cells: [] })),
    baseline: (runs[0] as NamedRun).name,
    test,
    correction,
    alpha,
    numQueries: [],
  };
  for (const metric of options.metrics) {
    const evaluated = compact.map((run) => perQuery(cq, run, metric));
    const base = evaluated[0] as (typeof evaluated)[number];
    const tests: PairedTestResult[] = [];
    let paired = 0;
    for (let r = 1; r < evaluated.length; r++) {
      const other = (evaluated[r] as (typeof evaluated)[number]).byQuery;
      const a: number[] = [];
      const b: number[] = [];
      for (const [qid, v] of base.byQuery) {
        const w = other.get(qid);
        if (w !== undefined) {
          a.push(v);
          b.push(w);
        }
      }
      paired = a.length;
      tests.push(test === 't-test' ? pairedTTest(a, b) : randomizationTest(a, b, options));
    }
    table.numQueries.push(paired || base.byQuery.size);
    const adjusted = adjustPValues(
      tests.map((t) => t.pValue),
      correction,
    );
    evaluated.forEach((e, r) => {
      const cell: ComparisonCell = { value: e.value };
      if (r > 0) {
        const t = tests[r - 1] as PairedTestResult;
        cell.pValue = t.pValue;
        cell.adjustedPValue = adjusted[r - 1] as number;
        cell.significant = (adjusted[r - 1] as number) < alpha;
        cell.direction = t.meanDifference > 0 ? 'better' : t.meanDifference < 0 ? 'worse' : 'same';
      }
      (table.runs[r] as ComparisonTable['runs'][number]).cells.push(cell);
    });
  }
  return table;
}
