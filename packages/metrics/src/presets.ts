import type { Qrels, Run } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { type EvaluateOptions, evaluate, perQueryValues } from './eval/evaluate.js';
import type { CompactQrels } from './store/compact-qrels.js';
import { compactQrels, isCompactQrels } from './store/compact-qrels.js';
import { type CompactRun, compactRun, isCompactRun } from './store/compact-run.js';

/** One metric of a preset: a label and the trec_eval invocation that defines it. */
export interface PresetMetric {
  /** Label users quote, e.g. `MRR@10`. */
  label: string;
  /** trec_eval measure (`-m`), e.g. `recip_rank` or `ndcg_cut.10`. */
  measure: string;
  /** Printed value name, e.g. `ndcg_cut_10`. */
  valueName: string;
  /** The other trec_eval flags (`-c`, `-l`, `-M`). */
  options: Pick<EvaluateOptions, 'complete' | 'relevanceLevel' | 'depth'>;
}

/** A named set of metrics with the exact trec_eval flags behind each (pyserini "2CR" conventions). */
export interface Preset {
  name: string;
  description: string;
  metrics: PresetMetric[];
}

/** The built-in presets: `msmarco-dev`, `trec-dl`, `beir`. */
export const PRESETS: Readonly<Record<string, Preset>> = {
  'msmarco-dev': {
    name: 'msmarco-dev',
    description: 'MS MARCO passage dev: MRR@10 (-c -M 10 -m recip_rank), R@1k (-c -m recall.1000)',
    metrics: [
      {
        label: 'MRR@10',
        measure: 'recip_rank',
        valueName: 'recip_rank',
        options: { complete: true, depth: 10 },
      },
      { label: 'R@1k', measure: 'recall.1000', valueName: 'recall_1000', options: { complete: true } },
    ],
  },
  'trec-dl': {
    name: 'trec-dl',
    description: 'TREC DL 2019/2020: nDCG@10 (-c -m ndcg_cut.10), MAP and R@1k (-c -l 2)',
    metrics: [
      { label: 'nDCG@10', measure: 'ndcg_cut.10', valueName: 'ndcg_cut_10', options: { complete: true } },
      { label: 'MAP', measure: 'map', valueName: 'map', options: { complete: true, relevanceLevel: 2 } },
      {
        label: 'R@1k',
        measure: 'recall.1000',
        valueName: 'recall_1000',
        options: { complete: true, relevanceLevel: 2 },
      },
    ],
  },
  beir: {
    name: 'beir',
    description: 'BEIR: nDCG@10 (-c -m ndcg_cut.10), R@100 (-c -m recall.100)',
    metrics: [
      { label: 'nDCG@10', measure: 'ndcg_cut.10', valueName: 'ndcg_cut_10', options: { complete: true } },
      { label: 'R@100', measure: 'recall.100', valueName: 'recall_100', options: { complete: true } },
    ],
  },
};

/** The preset with this name; throws `INVALID_ARGUMENT` listing the known names otherwise. */
export function getPreset(name: string): Preset {
  const preset = PRESETS[name];
  if (preset === undefined) {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown preset "${name}"`, {
      where: { field: 'preset' },
      hint: `known presets: ${Object.keys(PRESETS).join(', ')}`,
    });
  }
  return preset;
}

/** Value of one preset metric: summary and per-query values. */
export interface MetricValue {
  label: string;
  measure: string;
  value: number;
  perQuery: Map<string, number>;
}

/**
 * Evaluates the metrics of a preset (or any list of {@link PresetMetric}s), each with its own trec_eval
 * flags, returning one summary value and the per-query values of each.
 *
 * @example
 * ```ts
 * const [ndcg10, r100] = evaluateMetrics(qrels, run, getPreset('beir').metrics);
 * ```
 */
export function evaluateMetrics(
  qrels: Qrels | CompactQrels,
  run: Run | CompactRun,
  metrics: readonly PresetMetric[],
  options: Pick<EvaluateOptions, 'strict' | 'onWarning' | 'signal'> = {},
): MetricValue[] {
  const cq = isCompactQrels(qrels) ? qrels : compactQrels(qrels);
  const cr = isCompactRun(run) ? run : compactRun(run);
  return metrics.map((m) => {
    const result = evaluate(cq, cr, { ...options, ...m.options, measures: [m.measure] });
    const c = result.columns.findIndex((col) => col.name === m.valueName);
    return {
      label: m.label,
      measure: m.valueName,
      value: result.summary[c] as number,
      perQuery: perQueryValues(result, m.valueName),
    };
  });
}
