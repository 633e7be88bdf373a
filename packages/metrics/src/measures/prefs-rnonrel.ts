import type { EquivalenceClass, JudgmentGroupCounts, PrefsCounts } from '../prefs/prefs-counts.js';
import { prefsMeasure } from './prefs.js';

/** Fulfilled and possible preference counts of one group. */
interface FulPoss {
  ful: number;
  poss: number;
}

/**
 * Recount of an equivalence-class group keeping only the first `keep` documents (by docid rank) of the
 * last (lowest) class, as trec_eval's recalculate does, quirks included: pairs between classes run up to
 * the second-to-last class, and every class (the last one too) is then paired with the kept documents.
 * With `retOnly`, only retrieved documents (rank < nr) take part.
 */
function recountClasses(classes: EquivalenceClass[], keep: number, nr: number, retOnly: boolean): FulPoss {
  const last = (classes[classes.length - 1] as EquivalenceClass).ranks;
  const kept = last.subarray(0, Math.min(keep, last.length));
  let ful = 0;
  let notFul = 0;
  const pairUp = (r1s: Int32Array, r2s: Int32Array): void => {
    for (const r1 of r1s) {
      if (retOnly && r1 >= nr) break;
      for (const r2 of r2s) {
        if (retOnly && r2 >= nr) break;
        if (r1 < r2 && (retOnly || r1 < nr)) ful++;
        else notFul++;
      }
    }
  };
  for (let c1 = 0; c1 < classes.length; c1++) {
    const r1s = (classes[c1] as EquivalenceClass).ranks;
    for (let c2 = c1 + 1; c2 < classes.length - 1; c2++) pairUp(r1s, (classes[c2] as EquivalenceClass).ranks);
  }
  for (const ec of classes) pairUp(ec.ranks, kept);
  return { ful, poss: ful + notFul };
}

/**
 * Recount of a preference-array group ignoring nonrelevant documents (rel_level 0) after the
 * (numRel + 1)-th one in docid-rank order (searched among the first `searchTo` ranks). With `retOnly`,
 * only pairs of retrieved documents are counted.
 */
function recountArray(
  jg: JudgmentGroupCounts,
  n: number,
  nr: number,
  searchTo: number,
  retOnly: boolean,
): FulPoss {
  const rel = jg.relArray;
  const a = jg.prefsArray;
  let seen = 0;
  let firstDiscarded = 0;
  for (; firstDiscarded < searchTo; firstDiscarded++) {
    if (rel[firstDiscarded] === 0 && ++seen === jg.numRel + 1) break;
  }
  const skip = (i: number): boolean => i >= firstDiscarded && rel[i] === 0;
  let ful = 0;
  let notFul = 0;
  const rows = retOnly ? nr : n;
  const cols = retOnly ? nr : n;
  for (let i = 0; i < rows; i++) {
    if (skip(i)) continue;
    for (let j = 0; j < cols; j++) {
      if (i === j || skip(j) || a[i * n + j] === 0) continue;
      if (i < nr && j >= nr) ful++;
      else if (i < nr && j > i) ful++;
      else notFul++;
    }
  }
  return { ful, poss: ful + notFul };
}

/** Per-group ratio with the nonrelevant documents of each group conceptually set to R (see measures). */
function rNonrel(pc: PrefsCounts, retOnly: boolean): number {
  const nr = pc.numJudgedRet;
  let sum = 0;
  for (const g of pc.groups) {
    const R = retOnly ? g.numRelRet : g.numRel;
    const N = retOnly ? g.numNonrelRet : g.numNonrel;
    let fp: FulPoss;
    if (R >= N) {
      const ful = retOnly ? g.fulfilledRet : g.fulfilledRet + g.fulfilledImp;
      const poss = retOnly ? g.possibleRet : g.possibleRet + g.possibleImp + g.possibleNotOccur;
      fp = { ful: ful + g.numRelRet * (R - N), poss: poss + g.numRel * (R - N) };
    } else if (g.classes.length > 0) {
      fp = recountClasses(g.classes, R, nr, retOnly);
    } else {
      fp = recountArray(g, pc.numJudged, nr, retOnly ? nr : pc.numJudged, retOnly);
    }
    sum += fp.ful / fp.poss;
  }
  return sum > 0 ? sum / pc.groups.length : 0;
}

/**
 * prefs_avgjg_Rnonrel: like prefs_avgjg, but each group's number of nonrelevant documents is set to R,
 * its number of relevant ones (R (R - N) fulfilled preferences added when N < R; only the first R
 * nonrelevant documents in rank order kept when N > R). Akin to bpref for one binary group.
 */
export const prefsAvgJgRnonrel = prefsMeasure('prefs_avgjg_Rnonrel', 'mean', (pc) => rNonrel(pc, false));

/** prefs_avgjg_Rnonrel_ret: prefs_avgjg_Rnonrel restricted to retrieved documents (R, N counted among them). */
export const prefsAvgJgRnonrelRet = prefsMeasure('prefs_avgjg_Rnonrel_ret', 'mean', (pc) =>
  rNonrel(pc, true),
);
