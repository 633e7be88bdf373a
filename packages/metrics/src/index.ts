/**
 * `@retrievekit/metrics`: trec_eval-exact evaluation (byte-identical output), streaming qrels/run readers,
 * presets for the conventions users quote, paired significance tests and run comparison tables.
 *
 * @packageDocumentation
 */

export { type EvalArgs, parseEvalArgs } from './cli/eval-args.js';
export { type EvalIO, runEval } from './cli/run-eval.js';
export {
  type CompareOptions,
  type ComparisonCell,
  type ComparisonTable,
  compareRuns,
  type NamedRun,
} from './compare/compare-runs.js';
export { comparisonToJson, renderComparisonMarkdown } from './compare/render.js';
export {
  type EvalColumn,
  type EvalResult,
  type EvaluateOptions,
  evaluate,
  perQueryValues,
  type QueryEvaluation,
  summaryOf,
} from './eval/evaluate.js';
export { type SelectedMeasure, selectMeasures } from './eval/measure-spec.js';
export {
  type PrefixSums,
  prefixSums,
  type RankedJudgments,
  REL_NONPOOL,
  REL_UNJUDGED,
  rankOrder,
} from './eval/ranked-judgments.js';
export { formatFixed } from './format/c-format.js';
export { type FormatTrecEvalOptions, formatTrecEval } from './format/format-trec-eval.js';
export type {
  MeasureContext,
  MeasureDef,
  MeasureKind,
  MeasureParams,
  ParamPair,
  ParamStyle,
} from './measures/measure.js';
export { MEASURES, NICKNAMES } from './measures/registry.js';
export type { InputSource } from './parse/line-reader.js';
export { type ReadPrefsOptions, readPrefsCompact } from './parse/read-prefs.js';
export { qrelsFromCompact, type ReadQrelsOptions, readQrels, readQrelsCompact } from './parse/read-qrels.js';
export { CompactQrelsJg, isCompactQrelsJg, readQrelsJgCompact } from './parse/read-qrels-jg.js';
export { type ReadRunOptions, readRun, readRunCompact, runFromCompact } from './parse/read-run.js';
export {
  convertToZScores,
  MISSING_ZSCORE_VALUE,
  readZScores,
  type ZScoreStats,
  type ZScores,
} from './parse/read-zscores.js';
export { formPrefsCounts, prefsRankOrder } from './prefs/form-prefs-counts.js';
export type { EquivalenceClass, JudgmentGroupCounts, PairSums, PrefsCounts } from './prefs/prefs-counts.js';
export {
  evaluateMetrics,
  getPreset,
  type MetricValue,
  PRESETS,
  type Preset,
  type PresetMetric,
} from './presets.js';
export { adjustPValues, bonferroni, type Correction, holm } from './stats/correction.js';
export { logGamma, regularizedIncompleteBeta, studentTTwoSided } from './stats/incomplete-beta.js';
export {
  type PairedTestResult,
  pairedTTest,
  type RandomizationOptions,
  randomizationTest,
} from './stats/paired-tests.js';
export { CompactPrefs, CompactPrefsQuery, isCompactPrefs } from './store/compact-prefs.js';
export { CompactQrels, CompactQrelsQuery, compactQrels, isCompactQrels } from './store/compact-qrels.js';
export { CompactRun, CompactRunQuery, compactRun, isCompactRun } from './store/compact-run.js';
export { DocTable } from './store/doc-table.js';
