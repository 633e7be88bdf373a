import { RetrievekitError } from '@retrievekit/core';
import { compareRuns } from '../compare/compare-runs.js';
import { comparisonToJson, renderComparisonMarkdown } from '../compare/render.js';
import { type EvalResult, evaluate } from '../eval/evaluate.js';
import { selectMeasures } from '../eval/measure-spec.js';
import { formatValue } from '../format/c-format.js';
import { formatTrecEval } from '../format/format-trec-eval.js';
import { readPrefsCompact } from '../parse/read-prefs.js';
import { readQrelsCompact } from '../parse/read-qrels.js';
import { type CompactQrelsJg, readQrelsJgCompact } from '../parse/read-qrels-jg.js';
import { readRunCompact } from '../parse/read-run.js';
import { readZScores } from '../parse/read-zscores.js';
import { evaluateMetrics, getPreset, type PresetMetric } from '../presets.js';
import type { CompactPrefs } from '../store/compact-prefs.js';
import { type CompactQrels, isCompactQrels } from '../store/compact-qrels.js';
import type { EvalArgs } from './eval-args.js';

/** Where {@link runEval} writes. */
export interface EvalIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function evalResultToJson(result: EvalResult, perQuery: boolean): unknown {
  const pick = (values: Float64Array, texts: Map<number, string>): Record<string, number | string> => {
    const out: Record<string, number | string> = {};
    result.columns.forEach((col, c) => {
      if (col.kind === 'runid') return;
      out[col.name] = col.kind === 'string' ? (texts.get(c) ?? '') : (values[c] as number);
    });
    return out;
  };
  const summary = pick(result.summary, new Map());
  for (const col of result.columns) if (col.kind === 'string') delete summary[col.name];
  return {
    runId: result.runId,
    numQueries: result.numQueries,
    skippedQueries: result.skippedQueries,
    summary,
    ...(perQuery
      ? { perQuery: Object.fromEntries(result.queries.map((q) => [q.qid, pick(q.values, q.texts)])) }
      : {}),
  };
}

const REL_FORMATS = new Set(['qrels', 'qrels_jg', 'prefs', 'qrels_prefs']);

/** Reads judgments in a trec_eval `-R` format. */
function readJudgments(format: string, path: string): Promise<CompactQrels | CompactQrelsJg | CompactPrefs> {
  switch (format) {
    case 'qrels_jg':
      return readQrelsJgCompact(path);
    case 'prefs':
    case 'qrels_prefs':
      return readPrefsCompact(path, { format });
    default:
      return readQrelsCompact(path);
  }
}

/** Metrics for `--compare` without a preset: every averaged value of the `-m` measures, with the CLI flags. */
function metricsFromArgs(args: EvalArgs): PresetMetric[] {
  const metrics: PresetMetric[] = [];
  const options = {
    complete: args.complete,
    relevanceLevel: args.relevanceLevel,
    ...(args.depth === undefined ? {} : { depth: args.depth }),
  };
  const specs = args.measures.length > 0 ? args.measures : ['map', 'ndcg_cut.10', 'recip_rank'];
  for (const m of selectMeasures(specs, args.compat)) {
    if (m.def.kind !== 'mean') continue;
    const measure = m.params.printable === undefined ? m.def.name : `${m.def.name}.${m.params.printable}`;
    for (const valueName of m.names) metrics.push({ label: valueName, measure, valueName, options });
  }
  return metrics;
}

/**
 * Runs `retrievekit eval` with parsed arguments: trec_eval output (byte-identical), a preset, or a
 * comparison table of several runs. Throws `RetrievekitError` on bad input (the CLI turns it into an exit code).
 */
export async function runEval(args: EvalArgs, io: EvalIO): Promise<void> {
  if (!REL_FORMATS.has(args.relFormat) || args.resultsFormat !== 'trec_results') {
    throw new RetrievekitError(
      'UNSUPPORTED',
      `formats -R ${args.relFormat} / -T ${args.resultsFormat} are not supported`,
      {
        where: { field: '-R' },
        hint: 'implemented: -R qrels, -R qrels_jg, -R prefs, -R qrels_prefs and -T trec_results',
      },
    );
  }
  const onWarning = (message: string): void => io.stderr(`retrievekit eval: warning: ${message}\n`);
  const [qrels, run, zscores] = await Promise.all([
    readJudgments(args.relFormat, args.qrels),
    readRunCompact(args.run),
    args.zscoreFile === undefined ? Promise.resolve(undefined) : readZScores(args.zscoreFile),
  ]);
  if (!isCompactQrels(qrels) && (args.compare.length > 0 || args.preset !== undefined)) {
    throw new RetrievekitError(
      'UNSUPPORTED',
      `--compare and --preset need plain qrels, not -R ${args.relFormat}`,
      {
        where: { field: '-R' },
      },
    );
  }
  if (args.compare.length > 0 && isCompactQrels(qrels)) {
    const others = await Promise.all(args.compare.map((path) => readRunCompact(path)));
    const metrics = args.preset !== undefined ? getPreset(args.preset).metrics : metricsFromArgs(args);
    const table = compareRuns(
      qrels,
      [{ name: args.run, run }, ...others.map((r, i) => ({ name: args.compare[i] as string, run: r }))],
      {
        metrics,
        test: args.test,
        permutations: args.permutations,
        seed: args.seed,
        correction: args.correction,
        alpha: args.alpha,
      },
    );
    io.stdout(
      args.json ? `${JSON.stringify(comparisonToJson(table), null, 2)}\n` : renderComparisonMarkdown(table),
    );
    return;
  }
  if (args.preset !== undefined && isCompactQrels(qrels)) {
    const preset = getPreset(args.preset);
    const values = evaluateMetrics(qrels, run, preset.metrics, { strict: args.strict, onWarning });
    if (args.json) {
      const out = {
        preset: preset.name,
        runId: run.runId,
        metrics: values.map((v) => ({
          label: v.label,
          measure: v.measure,
          value: v.value,
          ...(args.perQuery ? { perQuery: Object.fromEntries(v.perQuery) } : {}),
        })),
      };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    const lines: string[] = [];
    if (args.perQuery) {
      for (const v of values)
        for (const [qid, x] of v.perQuery) lines.push(`${v.label.padEnd(22)}\t${qid}\t${formatValue(x)}`);
    }
    for (const v of values) lines.push(`${v.label.padEnd(22)}\tall\t${formatValue(v.value)}`);
    io.stdout(`${lines.join('\n')}\n`);
    return;
  }
  const result = evaluate(qrels, run, {
    measures: args.measures,
    relevanceLevel: args.relevanceLevel,
    complete: args.complete,
    ...(args.depth === undefined ? {} : { depth: args.depth }),
    numDocsInCollection: args.numDocsInCollection,
    judgedOnly: args.judgedOnly,
    strict: args.strict,
    compat: args.compat,
    ...(zscores === undefined ? {} : { zscores }),
    onWarning,
  });
  io.stdout(
    args.json
      ? `${JSON.stringify(evalResultToJson(result, args.perQuery), null, 2)}\n`
      : formatTrecEval(result, { perQuery: args.perQuery, noSummary: args.noSummary }),
  );
}
