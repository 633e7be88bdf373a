import type { EvalResult } from '../eval/evaluate.js';
import { formatLong, formatValue } from './c-format.js';

/** Options of {@link formatTrecEval}. */
export interface FormatTrecEvalOptions {
  /** `-q`: print each query's values before the summary. */
  perQuery?: boolean;
  /** `-n`: omit the summary. */
  noSummary?: boolean;
}

const label = (name: string): string => name.padEnd(22, ' ');

/**
 * Renders an {@link EvalResult} as trec_eval prints it (`%-22s\t%s\t%6.4f` lines, integer counts, quoted
 * relstring), byte for byte.
 */
export function formatTrecEval(result: EvalResult, options: FormatTrecEvalOptions = {}): string {
  const lines: string[] = [];
  const z = result.zscore;
  const zlabel = (name: string): string => (z ? `Z${label(name)}` : label(name));
  const count = (v: number): string => (z ? formatValue(v) : formatLong(v));
  if (options.perQuery) {
    for (const q of result.queries) {
      result.columns.forEach((col, c) => {
        const v = q.values[c] as number;
        switch (col.kind) {
          case 'mean':
            lines.push(`${zlabel(col.name)}\t${q.qid}\t${formatValue(v)}`);
            break;
          case 'sum':
            lines.push(`${zlabel(col.name)}\t${q.qid}\t${count(v)}`);
            break;
          case 'string':
            lines.push(`${label(col.name)}\t${q.qid}\t'${q.texts.get(c) ?? ''}'`);
            break;
          default:
            break;
        }
      });
    }
  }
  if (!options.noSummary) {
    result.columns.forEach((col, c) => {
      const v = result.summary[c] as number;
      switch (col.kind) {
        case 'runid':
          lines.push(`${label(col.name)}\tall\t${result.runId}`);
          break;
        case 'sum':
        case 'count':
          lines.push(`${zlabel(col.name)}\tall\t${count(v)}`);
          break;
        case 'mean':
        case 'geometric':
          lines.push(`${zlabel(col.name)}\tall\t${formatValue(v)}`);
          break;
        default:
          break;
      }
    });
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
