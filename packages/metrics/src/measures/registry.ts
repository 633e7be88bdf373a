import { basicMeasures, judgedMeasures, nonrelJudgedMeasure } from './basic.js';
import {
  mapCut,
  ndcgCut,
  precisionAt,
  recallAt,
  relativePrecisionAt,
  successAt,
  unjudgedAt,
} from './cutoff.js';
import { elevenPointAverage, iprecAtRecall, rprecMult } from './interpolated.js';
import { mapAvgJg, precisionAvgJg, rprecMultAvgJg } from './judgment-groups.js';
import type { MeasureDef } from './measure.js';
import { binG, gMeasure, ndcg, ndcgRel, rbp, rbpResid, rndcg } from './ndcg.js';
import {
  prefsAvgJg,
  prefsAvgJgImp,
  prefsAvgJgRet,
  prefsCountMeasures,
  prefsPair,
  prefsPairImp,
  prefsPairRet,
  prefsSimp,
  prefsSimpImp,
  prefsSimpRet,
} from './prefs.js';
import { prefsAvgJgRnonrel, prefsAvgJgRnonrelRet } from './prefs-rnonrel.js';
import { relstring, setMeasures, utility } from './set.js';

const byName = (name: string, list: MeasureDef[]): MeasureDef => {
  const found = list.find((m) => m.name === name);
  if (found === undefined) throw new Error(`internal: measure ${name} missing`);
  return found;
};

/**
 * Every measure, in trec_eval 10.0's calculation and printing order (measures.c `te_trec_measures`;
 * dcg/ideal_dcg and yaap are not implemented).
 */
export const MEASURES: readonly MeasureDef[] = [
  ...basicMeasures,
  iprecAtRecall,
  precisionAt,
  relstring,
  recallAt,
  byName('infAP', judgedMeasures),
  byName('gm_bpref', judgedMeasures),
  rprecMult,
  utility,
  elevenPointAverage,
  binG,
  gMeasure,
  ndcg,
  ndcgRel,
  rndcg,
  ndcgCut,
  mapCut,
  relativePrecisionAt,
  successAt,
  ...setMeasures,
  nonrelJudgedMeasure,
  ...prefsCountMeasures,
  prefsSimp,
  prefsPair,
  prefsAvgJg,
  prefsAvgJgRnonrel,
  prefsSimpRet,
  prefsPairRet,
  prefsAvgJgRet,
  prefsAvgJgRnonrelRet,
  prefsSimpImp,
  prefsPairImp,
  prefsAvgJgImp,
  mapAvgJg,
  precisionAvgJg,
  rprecMultAvgJg,
  rbp,
  rbpResid,
  unjudgedAt,
];

const OFFICIAL = [
  'runid',
  'num_q',
  'num_ret',
  'num_rel',
  'num_rel_ret',
  'map',
  'gm_map',
  'Rprec',
  'bpref',
  'recip_rank',
  'iprec_at_recall',
  'P',
];
const ALL_TREC_9 = [
  ...OFFICIAL,
  'relstring',
  'recall',
  'infAP',
  'gm_bpref',
  'utility',
  '11pt_avg',
  'ndcg',
  'relative_P',
  'Rprec_mult',
  'success',
  'map_cut',
  'ndcg_cut',
  'ndcg_rel',
  'Rndcg',
  'binG',
  'G',
  'set_P',
  'set_recall',
  'set_relative_P',
  'set_map',
  'set_F',
  'num_nonrel_judged_ret',
];

const PREFS_OFFICIAL = [
  'runid',
  'num_q',
  'prefs_num_prefs_poss',
  'prefs_num_prefs_ful',
  'prefs_num_prefs_ful_ret',
  'prefs_simp',
  'prefs_pair',
  'prefs_avgjg',
];

/**
 * Measure nicknames of trec_eval (`-m official`, `-m all_trec`, `-m qrels_jg`, `-m set`, `-m all_prefs`,
 * `-m prefs`).
 */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  official: OFFICIAL,
  all_trec: [...ALL_TREC_9, 'unj', 'rbp', 'rbp_resid'],
  qrels_jg: ['runid', 'num_q', 'map_avgjg', 'P_avgjg', 'Rprec_mult_avgjg'],
  all_prefs: [
    ...PREFS_OFFICIAL,
    'prefs_avgjg_Rnonrel',
    'prefs_simp_ret',
    'prefs_pair_ret',
    'prefs_avgjg_ret',
    'prefs_avgjg_Rnonrel_ret',
    'prefs_simp_imp',
    'prefs_pair_imp',
    'prefs_avgjg_imp',
  ],
  prefs: PREFS_OFFICIAL,
  set: [
    'runid',
    'num_q',
    'num_ret',
    'num_rel',
    'num_rel_ret',
    'utility',
    'set_P',
    'set_recall',
    'set_relative_P',
    'set_map',
    'set_F',
  ],
};

/** trec_eval 9.0.8's `all_trec` (no unj, rbp, rbp_resid). */
export const ALL_TREC_9_0_8: readonly string[] = ALL_TREC_9;

/** The measure definition with this name, or undefined. */
export function findMeasure(name: string): MeasureDef | undefined {
  return MEASURES.find((m) => m.name === name);
}
