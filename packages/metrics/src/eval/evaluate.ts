import type { LongTaskOptions, Qrels, Run } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import type { MeasureContext, MeasureKind } from '../measures/measure.js';
import { type CompactQrelsJg, isCompactQrelsJg } from '../parse/read-qrels-jg.js';
import { convertToZScores, type ZScores } from '../parse/read-zscores.js';
import { formPrefsCounts } from '../prefs/form-prefs-counts.js';
import { type CompactPrefs, isCompactPrefs } from '../store/compact-prefs.js';
import { CompactQrels, CompactQrelsQuery, compactQrels, isCompactQrels } from '../store/compact-qrels.js';
import { type CompactRun, compactRun, isCompactRun } from '../store/compact-run.js';
import { checkMeasuresFitJudgments, type SelectedMeasure, selectMeasures } from './measure-spec.js';
import { judgmentsFromRels, type RankedJudgments, rankQuery } from './ranked-judgments.js';

/** Options of {@link evaluate}; each mirrors a trec_eval flag. */
export interface EvaluateOptions extends LongTaskOptions {
  /** `-m`: measures, parameterised measures and nicknames (default `['official']`). */
  measures?: readonly string[];
  /** `-l`: lowest grade counted as relevant by binary measures (default 1; nDCG gains are unaffected). */
  relevanceLevel?: number;
  /** `-c`: average over every qrels query; queries missing from the run score as an empty ranking. */
  complete?: boolean;
  /** `-M`: keep only the top `depth` documents of each query after sorting (default: all). */
  depth?: number;
  /** `-J`: drop unjudged documents from each ranking before scoring (trec_eval warns: rarely what you want). */
  judgedOnly?: boolean;
  /** `-N`: number of documents in the collection (utility's 4th coefficient only). */
  numDocsInCollection?: number;
  /**
   * A qrels query absent from the run is an error (`MISSING_QUERY`) as in trec_eval 10. Default false:
   * skipped (as trec_eval 9.0.8 did) and reported through `onWarning` and `result.skippedQueries`.
   */
  strict?: boolean;
  /** `'9.0.8'` reproduces trec_eval 9.0.8 (its recall-cutoff rounding and `all_trec` set). Default `'10'`. */
  compat?: '10' | '9.0.8';
  /** Run tag printed by `runid` (default: the run file's tag, or `'run'` for in-memory runs). */
  runId?: string;
  /** `-Z`: report each per-query value as a z-score against these reference statistics. */
  zscores?: ZScores;
  /** Receives human-readable warnings (e.g. skipped queries). */
  onWarning?: (message: string) => void;
}

/** One printed value: its name (e.g. `P_10`) and how it is aggregated. */
export interface EvalColumn {
  name: string;
  measure: string;
  kind: MeasureKind;
}

/** Values of one query, aligned with {@link EvalResult.columns}. */
export interface QueryEvaluation {
  qid: string;
  values: Float64Array;
  /** Text of `string` measures (relstring), by column index. */
  texts: Map<number, string>;
}

/** Result of {@link evaluate}: per-query and summary values of every selected measure. */
export interface EvalResult {
  runId: string;
  measures: SelectedMeasure[];
  columns: EvalColumn[];
  queries: QueryEvaluation[];
  /** Summary (`all`) values aligned with `columns`. */
  summary: Float64Array;
  /** Number of queries averaged over. */
  numQueries: number;
  /** True when values are z-scores (`-Z`). */
  zscore: boolean;
  /** Qrels queries with no results in the run that were skipped (empty with `complete` or `strict`). */
  skippedQueries: string[];
}

const BOGUS_RELS = new Int32Array([-1]);
const NO_JUDGMENTS = new CompactQrelsQuery();

function layout(measures: SelectedMeasure[]): { columns: EvalColumn[]; offsets: number[] } {
  const columns: EvalColumn[] = [];
  const offsets: number[] = [];
  for (const m of measures) {
    offsets.push(columns.length);
    for (const name of m.names) columns.push({ name, measure: m.def.name, kind: m.def.kind });
  }
  return { columns, offsets };
}

/**
 * Evaluates a run against relevance judgments exactly as trec_eval 10.0 does (same ranking, tie-breaking,
 * measure formulas and averaging), returning per-query and summary values. Accepts core `Qrels`/`Run`
 * (e.g. produced in memory by a retriever) or the compact forms returned by the `read*Compact` readers.
 *
 * @example
 * ```ts
 * const result = evaluate(await readQrels('qrels.txt'), await readRun('run.txt'), {
 *   measures: ['ndcg_cut.10', 'recall.100'],
 *   complete: true,
 * });
 * summaryOf(result)['ndcg_cut_10'];
 * ```
 */
export function evaluate(
  qrels: Qrels | CompactQrels | CompactQrelsJg | CompactPrefs,
  run: Run | CompactRun,
  options: EvaluateOptions = {},
): EvalResult {
  const jg = isCompactQrelsJg(qrels) ? qrels : undefined;
  const prefs = isCompactPrefs(qrels) ? qrels : undefined;
  const cq =
    jg !== undefined || prefs !== undefined
      ? new CompactQrels()
      : isCompactQrels(qrels)
        ? qrels
        : compactQrels(qrels as Qrels);
  const cr = isCompactRun(run) ? run : compactRun(run, options.runId);
  const compat = options.compat ?? '10';
  const measures = selectMeasures(options.measures ?? [], compat);
  const { columns, offsets } = layout(measures);
  const names = columns.map((c) => c.name);
  const level = options.relevanceLevel ?? 1;
  const depth = options.depth ?? Number.POSITIVE_INFINITY;
  if (!(depth > 0)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `depth must be positive, got ${depth}`, {
      where: { field: 'depth' },
    });
  }
  const ctx: MeasureContext = { numDocsInCollection: options.numDocsInCollection ?? 0, compat };
  checkMeasuresFitJudgments(measures, jg !== undefined ? 'jg' : prefs !== undefined ? 'prefs' : 'plain');
  const source = jg ?? prefs ?? cq;
  const qids = [...source.queries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const queries: QueryEvaluation[] = [];
  const skipped: string[] = [];
  const summary = new Float64Array(columns.length);
  let done = 0;
  for (const qid of qids) {
    if ((done & 255) === 0) throwIfAborted(options.signal, 'evaluation');
    done++;
    const groups = jg !== undefined ? [...(jg.queries.get(qid)?.values() ?? [])] : [];
    const judged = jg !== undefined ? groups[0] : prefs !== undefined ? NO_JUDGMENTS : cq.queries.get(qid);
    if (judged === undefined) continue;
    const retrieved = cr.queries.get(qid);
    const judgedOnly = options.judgedOnly ?? false;
    const rank = (j: CompactQrelsQuery): RankedJudgments =>
      retrieved !== undefined
        ? rankQuery(retrieved, j, level, depth, judgedOnly)
        : judgmentsFromRels(BOGUS_RELS, j.levelCounts, level);
    let rr: RankedJudgments;
    if (retrieved !== undefined || options.complete) {
      rr = rank(judged);
      if (jg !== undefined) rr.groups = groups.map(rank);
      const prefsQuery = prefs?.queries.get(qid);
      if (prefs !== undefined && prefsQuery !== undefined) {
        rr.prefs = formPrefsCounts(prefsQuery, retrieved, depth, prefs.file);
      }
    } else if (options.strict) {
      throw new RetrievekitError('MISSING_QUERY', `query ${qid} has judgments but no results in the run`, {
        hint: 'retrieve for every judged query, or drop --strict to skip it (or use -c to count it as 0)',
      });
    } else {
      skipped.push(qid);
      continue;
    }
    const values = new Float64Array(columns.length);
    const texts = new Map<number, string>();
    measures.forEach((m, k) => {
      const offset = offsets[k] as number;
      m.def.compute(rr, m.params, ctx, values, offset);
      if (m.def.text) texts.set(offset, m.def.text(rr, m.params));
    });
    if (retrieved === undefined) clearBogusLeftovers(columns, values, texts);
    if (options.zscores) convertToZScores(options.zscores, qid, names, values);
    for (let c = 0; c < columns.length; c++) summary[c] = (summary[c] as number) + (values[c] as number);
    queries.push({ qid, values, texts });
    options.onProgress?.({ done, total: qids.length, unit: 'queries' });
  }
  if (skipped.length > 0) {
    options.onWarning?.(
      `${skipped.length} judged ${skipped.length === 1 ? 'query has' : 'queries have'} no results in the run and ${skipped.length === 1 ? 'was' : 'were'} skipped (${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', ...' : ''}); use -c to count them as 0 or --strict to fail`,
    );
  }
  if (queries.length === 0) {
    throw new RetrievekitError('MISSING_QUERY', 'no queries with both results and relevance judgments', {
      hint: 'check that the run and the qrels use the same query ids',
    });
  }
  const n = options.complete ? source.queries.size : queries.length;
  columns.forEach((col, c) => {
    const s = summary[c] as number;
    if (col.kind === 'mean') summary[c] = s / n;
    else if (col.kind === 'geometric') summary[c] = Math.exp(s / n);
    else if (col.kind === 'count') summary[c] = queries.length;
  });
  return {
    runId: options.runId ?? cr.runId,
    measures,
    columns,
    queries,
    summary,
    numQueries: queries.length,
    zscore: options.zscores !== undefined,
    skippedQueries: skipped,
  };
}

/** trec_eval 10's clean-up after scoring a missing query's placeholder ranking (names compared exactly). */
function clearBogusLeftovers(columns: EvalColumn[], values: Float64Array, texts: Map<number, string>): void {
  columns.forEach((col, c) => {
    if (
      col.name === 'num_ret' ||
      col.name === 'utility' ||
      col.name === 'rbp_resid' ||
      col.name.startsWith('unj')
    ) {
      values[c] = 0;
    } else if (col.name === 'relstring') texts.set(c, '');
  });
}

/** Summary values by name (e.g. `{ map: 0.1785, P_10: 0.3 }`). */
export function summaryOf(result: EvalResult): Record<string, number> {
  const out: Record<string, number> = {};
  result.columns.forEach((col, c) => {
    if (col.kind !== 'string' && col.kind !== 'runid') out[col.name] = result.summary[c] as number;
  });
  return out;
}

/** Per-query values of one value name (e.g. `'ndcg_cut_10'`), by query id. */
export function perQueryValues(result: EvalResult, name: string): Map<string, number> {
  const c = result.columns.findIndex((col) => col.name === name);
  if (c < 0) {
    throw new RetrievekitError('NOT_FOUND', `measure ${name} was not evaluated`, {
      where: { field: name },
      hint: `evaluated: ${result.columns.map((x) => x.name).join(', ')}`,
    });
  }
  const out = new Map<string, number>();
  for (const q of result.queries) out.set(q.qid, q.values[c] as number);
  return out;
}
