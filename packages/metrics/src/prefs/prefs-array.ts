import type { JudgmentGroupCounts } from './prefs-counts.js';

/** Problem found while building a preference array: the offending entry, or the two conflicting ranks. */
export type PrefsArrayProblem =
  | { kind: 'zero-and-nonzero'; entry: number }
  | { kind: 'cycle'; rankA: number; rankB: number };

/**
 * Fills the preference array of a group with several sub-groups (trec_eval form_jg_pa): within each
 * sub-group every document is preferred to those with a lower rel_level; then the transitive closure is
 * taken. `ranks`/`rels`/`subgroups` are the group's entries sorted by sub-group, rel_level descending,
 * docid rank. Returns a problem instead of filling when the judgments are inconsistent.
 */
export function buildPrefsArray(
  jg: JudgmentGroupCounts,
  n: number,
  entries: Int32Array,
  ranks: Int32Array,
  rels: Float64Array,
  subgroups: Int32Array,
): PrefsArrayProblem | undefined {
  const a = new Uint8Array(n * n);
  const relArray = new Float64Array(n).fill(-1);
  const m = ranks.length;
  for (let i = 0; i < m; i++) {
    const r = ranks[i] as number;
    const rel = rels[i] as number;
    const known = relArray[r] as number;
    if ((known > 0 && rel === 0) || (known === 0 && rel > 0)) {
      return { kind: 'zero-and-nonzero', entry: entries[i] as number };
    }
    relArray[r] = rel;
    const sg = subgroups[i];
    let j = i + 1;
    while (j < m && subgroups[j] === sg && rels[j] === rel) j++;
    for (; j < m && subgroups[j] === sg; j++) a[r * n + (ranks[j] as number)] = 1;
  }
  // Reflexive-transitive closure (the fixpoint trec_eval reaches by repeated multiplication), Warshall
  // style over the group's own documents (no other row or column holds a preference).
  const members = Int32Array.from(new Set(ranks)).sort();
  for (const i of members) a[i * n + i] = 1;
  for (const k of members) {
    const rowK = k * n;
    for (const i of members) {
      if (i === k || a[i * n + k] === 0) continue;
      const rowI = i * n;
      for (const j of members) if (a[rowK + j] !== 0) a[rowI + j] = 1;
    }
  }
  for (const i of members) a[i * n + i] = 0;
  for (const i of members) {
    for (const j of members) {
      if (i < j && a[i * n + j] !== 0 && a[j * n + i] !== 0) return { kind: 'cycle', rankA: i, rankB: j };
    }
  }
  jg.prefsArray = a;
  jg.relArray = relArray;
  return undefined;
}

/** Counts the preferences of a preference-array group into `jg` and the query's pair counts (add_pa_pref_to_jg). */
export function countArrayPrefs(
  jg: JudgmentGroupCounts,
  n: number,
  nr: number,
  pairCounts: Uint16Array,
): void {
  const a = jg.prefsArray;
  const rel = jg.relArray;
  for (let i = 0; i < n; i++) {
    const r = rel[i] as number;
    const ret = i < nr ? 1 : 0;
    if (r > 0) {
      jg.numRel++;
      jg.numRelRet += ret;
    } else if (r === 0) {
      jg.numNonrel++;
      jg.numNonrelRet += ret;
    }
  }
  let fulRet = 0;
  let notFulRet = 0;
  let fulImp = 0;
  let notFulImp = 0;
  let notOccur = 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (a[row + j] === 0) continue;
      pairCounts[row + j] = (pairCounts[row + j] as number) + 1;
      if (i < nr) {
        if (j >= nr) fulImp++;
        else if (j > i) fulRet++;
        else notFulRet++;
      } else if (j < nr) notFulImp++;
      else notOccur++;
    }
  }
  jg.fulfilledRet = fulRet;
  jg.possibleRet = fulRet + notFulRet;
  jg.fulfilledImp = fulImp;
  jg.possibleImp = fulImp + notFulImp;
  jg.possibleNotOccur = notOccur;
}
