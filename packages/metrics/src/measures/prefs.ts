import { RetrievekitError } from '@retrievekit/core';
import type { RankedJudgments } from '../eval/ranked-judgments.js';
import { type JudgmentGroupCounts, type PrefsCounts, pairSums } from '../prefs/prefs-counts.js';
import type { MeasureDef } from './measure.js';
import { singleName } from './names.js';

/** The query's preference counts; preference measures need `-R prefs` or `-R qrels_prefs` judgments. */
export function prefsOf(rr: RankedJudgments): PrefsCounts {
  if (rr.prefs === undefined) {
    throw new RetrievekitError('UNSUPPORTED', 'preference measures need preference judgments', {
      where: { field: 'measures' },
      hint: 'read the judgments with -R prefs or -R qrels_prefs (readPrefsCompact)',
    });
  }
  return rr.prefs;
}

/** A preference measure whose per-query value is `value(counts)`. */
export function prefsMeasure(
  name: string,
  kind: 'mean' | 'sum',
  value: (pc: PrefsCounts) => number,
): MeasureDef {
  return {
    name,
    kind,
    params: 'none',
    defaults: [],
    prefs: true,
    valueNames: singleName(name),
    compute: (rr, _p, _c, out, offset) => {
      out[offset] = value(prefsOf(rr));
    },
  };
}

type Count = (jg: JudgmentGroupCounts) => number;
const fulAll: Count = (g) => g.fulfilledRet + g.fulfilledImp;
const possAll: Count = (g) => g.possibleRet + g.possibleImp + g.possibleNotOccur;
const fulRet: Count = (g) => g.fulfilledRet;
const possRet: Count = (g) => g.possibleRet;
const possImp: Count = (g) => g.possibleRet + g.possibleImp;

function total(pc: PrefsCounts, count: Count): number {
  let sum = 0;
  for (const g of pc.groups) sum += count(g);
  return sum;
}

/** Fulfilled over possible preferences summed over all groups (0 when none possible). */
function simple(ful: Count, poss: Count): (pc: PrefsCounts) => number {
  return (pc) => {
    const p = total(pc, poss);
    return p > 0 ? total(pc, ful) / p : 0;
  };
}

/** Fulfilled over possible preferences per group, averaged over the groups (0 when the sum is 0). */
function averageOverGroups(ful: Count, poss: Count): (pc: PrefsCounts) => number {
  return (pc) => {
    let sum = 0;
    for (const g of pc.groups) {
      const p = poss(g);
      if (p !== 0) sum += ful(g) / p;
    }
    return sum > 0 ? sum / pc.groups.length : 0;
  };
}

/** prefs_num_prefs_poss, _ful, _ful_ret: preference counts, summed (not averaged) over queries. */
export const prefsCountMeasures: MeasureDef[] = [
  prefsMeasure('prefs_num_prefs_poss', 'sum', (pc) => total(pc, possAll)),
  prefsMeasure('prefs_num_prefs_ful', 'sum', (pc) => total(pc, fulAll)),
  prefsMeasure('prefs_num_prefs_ful_ret', 'sum', (pc) => total(pc, fulRet)),
];

/** prefs_simp, prefs_simp_ret, prefs_simp_imp: fulfilled / possible preferences over all groups. */
export const prefsSimp = prefsMeasure('prefs_simp', 'mean', simple(fulAll, possAll));
export const prefsSimpRet = prefsMeasure('prefs_simp_ret', 'mean', simple(fulRet, possRet));
export const prefsSimpImp = prefsMeasure('prefs_simp_imp', 'mean', simple(fulAll, possImp));

/** prefs_pair*: the share of groups agreeing with the ranking, averaged over judged document pairs. */
export const prefsPair = prefsMeasure('prefs_pair', 'mean', (pc) => {
  const s = pairSums(pc);
  const pairs = s.pairsImp + s.pairsNotOccur;
  return pairs > 0 ? s.sumImp / pairs : 0;
});
export const prefsPairRet = prefsMeasure('prefs_pair_ret', 'mean', (pc) => {
  const s = pairSums(pc);
  return s.pairsRet > 0 ? s.sumRet / s.pairsRet : 0;
});
export const prefsPairImp = prefsMeasure('prefs_pair_imp', 'mean', (pc) => {
  const s = pairSums(pc);
  return s.pairsImp > 0 ? s.sumImp / s.pairsImp : 0;
});

/** prefs_avgjg*: fulfilled / possible preferences per judgment group, averaged over groups. */
export const prefsAvgJg = prefsMeasure('prefs_avgjg', 'mean', averageOverGroups(fulAll, possAll));
export const prefsAvgJgRet = prefsMeasure('prefs_avgjg_ret', 'mean', averageOverGroups(fulRet, possRet));
export const prefsAvgJgImp = prefsMeasure('prefs_avgjg_imp', 'mean', averageOverGroups(fulAll, possImp));
