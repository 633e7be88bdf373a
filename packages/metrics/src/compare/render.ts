import { formatFixed } from '../format/c-format.js';
import type { ComparisonCell, ComparisonTable } from './compare-runs.js';

function marker(cell: ComparisonCell): string {
  if (!cell.significant) return '';
  return cell.direction === 'worse' ? '▼' : '▲';
}

/**
 * Renders a {@link ComparisonTable} as a Markdown table: 4-decimal values, ▲/▼ where a run is
 * significantly better/worse than the baseline after correction, and a legend line.
 */
export function renderComparisonMarkdown(table: ComparisonTable): string {
  const header = `| Run | ${table.metrics.join(' | ')} |`;
  const rule = `|---|${table.metrics.map(() => '---:').join('|')}|`;
  const rows = table.runs.map((run, r) => {
    const name = r === 0 ? `${run.name} (baseline)` : run.name;
    const cells = run.cells.map((c) => `${formatFixed(c.value, 4)}${marker(c)}`);
    return `| ${name} | ${cells.join(' | ')} |`;
  });
  const test = table.test === 't-test' ? 'paired t-test' : 'paired randomization test';
  const legend = `▲/▼: significantly better/worse than ${table.baseline} (${test}, ${table.correction} correction, alpha ${table.alpha}).`;
  return `${[header, rule, ...rows].join('\n')}\n\n${legend}\n`;
}

/** The table as a JSON-ready object (values, raw and adjusted p-values, significance flags). */
export function comparisonToJson(table: ComparisonTable): unknown {
  return {
    baseline: table.baseline,
    test: table.test,
    correction: table.correction,
    alpha: table.alpha,
    metrics: table.metrics,
    numQueries: table.numQueries,
    runs: table.runs.map((run) => ({
      name: run.name,
      values: Object.fromEntries(run.cells.map((c, i) => [table.metrics[i], c])),
    })),
  };
}
