import type { EquivalenceClass, JudgmentGroupCounts } from './prefs-counts.js';

/**
 * Builds the equivalence classes of a judgment group with a single sub-group (trec_eval form_jg_ec):
 * `ranks`/`rels` are the group's entries sorted by rel_level descending, then docid rank ascending.
 */
export function buildClasses(ranks: Int32Array, rels: Float64Array): EquivalenceClass[] {
  const classes: EquivalenceClass[] = [];
  let start = 0;
  for (let i = 1; i <= ranks.length; i++) {
    if (i === ranks.length || rels[i] !== rels[start]) {
      classes.push({ relLevel: rels[start] as number, ranks: ranks.slice(start, i) });
      start = i;
    }
  }
  return classes;
}

/**
 * Counts the preferences of an equivalence-class group (every document of a higher class preferred to
 * every document of a lower one) into `jg` and the query's pair counts (trec_eval add_ec_pref_to_jg).
 */
export function countClassPrefs(
  jg: JudgmentGroupCounts,
  numJudged: number,
  numJudgedRet: number,
  pairCounts: Uint16Array,
): void {
  const classes = jg.classes;
  let fulRet = 0;
  let notFulRet = 0;
  let fulImp = 0;
  let notFulImp = 0;
  let notOccur = 0;
  for (let c1 = 0; c1 < classes.length; c1++) {
    const ec1 = classes[c1] as EquivalenceClass;
    let ret = 0;
    while (ret < ec1.ranks.length && (ec1.ranks[ret] as number) < numJudgedRet) ret++;
    if (ec1.relLevel > 0) {
      jg.numRelRet += ret;
      jg.numRel += ec1.ranks.length;
    } else {
      jg.numNonrelRet += ret;
      jg.numNonrel += ec1.ranks.length;
    }
    for (let c2 = c1 + 1; c2 < classes.length; c2++) {
      const r2s = (classes[c2] as EquivalenceClass).ranks;
      for (const r1 of ec1.ranks) {
        const row = r1 * numJudged;
        for (const r2 of r2s) {
          pairCounts[row + r2] = (pairCounts[row + r2] as number) + 1;
          if (r1 < r2) {
            if (r2 < numJudgedRet) fulRet++;
            else if (r1 < numJudgedRet) fulImp++;
            else notOccur++;
          } else if (r1 < numJudgedRet) notFulRet++;
          else if (r2 < numJudgedRet) notFulImp++;
          else notOccur++;
        }
      }
    }
  }
  jg.fulfilledRet = fulRet;
  jg.possibleRet = fulRet + notFulRet;
  jg.fulfilledImp = fulImp;
  jg.possibleImp = fulImp + notFulImp;
  jg.possibleNotOccur = notOccur;
}
