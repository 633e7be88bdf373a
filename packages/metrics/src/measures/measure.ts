import type { RankedJudgments } from '../eval/ranked-judgments.js';

/**
 * How a measure's per-query values are combined and printed (trec_eval's init/acc/avg/print families):
 * - `mean`: arithmetic mean, printed `%6.4f`;
 * - `sum`: summed over queries, printed as an integer (num_ret, num_rel, ...);
 * - `geometric`: per-query log values, averaged then exponentiated, printed only in the summary;
 * - `count`: number of queries (num_q), summary only;
 * - `runid`: the run tag, summary only;
 * - `string`: a per-query string (relstring), not summarised.
 */
export type MeasureKind = 'mean' | 'sum' | 'geometric' | 'count' | 'runid' | 'string';

/** Parameter styles of trec_eval measures (`-m name.params`). */
export type ParamStyle = 'none' | 'long-cutoffs' | 'double-cutoffs' | 'double-params' | 'pairs';

/** A `name=value` parameter (gains of ndcg, `p` of rbp). */
export interface ParamPair {
  name: string;
  value: number;
}

/** Parameters of one configured measure. */
export interface MeasureParams {
  /** Numeric parameters: cutoffs (sorted ascending) or ordered double parameters. */
  values: number[];
  /** `name=value` pairs (pairs style). */
  pairs: ParamPair[];
  /** The parameter string as given on the command line, or undefined for the defaults. */
  printable: string | undefined;
}

/** Per-query evaluation context beyond the ranking. */
export interface MeasureContext {
  /** Number of documents in the collection (`-N`, default 0). */
  numDocsInCollection: number;
  /** Rounding of recall cutoffs: trec_eval 10 (`lround`) or 9.0.8 (`(long)(x + 0.9)`). */
  compat: '10' | '9.0.8';
}

/** A trec_eval measure: its name, value names, and the per-query computation. */
export interface MeasureDef {
  /** Measure name as given to `-m`. */
  name: string;
  /** Aggregation and printing style. */
  kind: MeasureKind;
  /** Parameter style. */
  params: ParamStyle;
  /** Default numeric parameters. */
  defaults: number[];
  /** True for judgment-group measures (they need `-R qrels_jg` judgments). */
  groups?: boolean;
  /** True for preference measures (they need `-R prefs` or `-R qrels_prefs` judgments). */
  prefs?: boolean;
  /** Names of the values this measure produces for the given parameters (e.g. `P_5`, `P_10`). */
  valueNames(params: MeasureParams): string[];
  /** Writes this query's values into `out` starting at `offset`. */
  compute(
    rr: RankedJudgments,
    params: MeasureParams,
    ctx: MeasureContext,
    out: Float64Array,
    offset: number,
  ): void;
  /** For `string` measures: the per-query text. */
  text?(rr: RankedJudgments, params: MeasureParams): string;
}
