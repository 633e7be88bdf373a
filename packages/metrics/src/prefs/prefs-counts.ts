/** Documents of one judgment group with the same rel_level (trec_eval `EC`), by docid rank ascending. */
export interface EquivalenceClass {
  /** The shared rel_level. */
  relLevel: number;
  /** Docid ranks of the class's documents, ascending (see {@link PrefsCounts}). */
  ranks: Int32Array;
}

/**
 * Preference counts of one judgment group (trec_eval `JG`). "ret": both documents of a preference A > B
 * retrieved; "imp" (implied): exactly one retrieved; "notoccur": neither. `possible*` include `fulfilled*`.
 */
export interface JudgmentGroupCounts {
  /** Judgment group name. */
  name: string;
  fulfilledRet: number;
  possibleRet: number;
  fulfilledImp: number;
  possibleImp: number;
  possibleNotOccur: number;
  /** Documents with rel_level > 0 (relevant). */
  numRel: number;
  numRelRet: number;
  /** Documents with rel_level 0 (nonrelevant; in equivalence-class groups, every rel_level <= 0). */
  numNonrel: number;
  numNonrelRet: number;
  /**
   * Equivalence classes by decreasing rel_level when the group has one sub-group (complete preferences);
   * empty when it has several and {@link prefsArray} is used instead.
   */
  classes: EquivalenceClass[];
  /**
   * With several sub-groups: `prefsArray[i * numJudged + j] = 1` iff docid rank i is preferred to docid
   * rank j (transitively closed). Empty otherwise.
   */
  prefsArray: Uint8Array;
  /** With several sub-groups: rel_level by docid rank (-1 for documents this group does not judge). */
  relArray: Float64Array;
}

/** Sums of per-pair preference ratios over document pairs (prefs_pair*), cached on {@link PrefsCounts}. */
export interface PairSums {
  /** Sum over pairs with both documents retrieved. */
  sumRet: number;
  pairsRet: number;
  /** {@link sumRet} continued over pairs with exactly one document retrieved (same summation order as C). */
  sumImp: number;
  pairsImp: number;
  /** Pairs with neither document retrieved (they add 0 to the sum). */
  pairsNotOccur: number;
}

/**
 * Everything the preference measures need for one query (trec_eval `RESULTS_PREFS`). Judged documents are
 * identified by a docid rank: 0..numJudgedRet-1 for retrieved ones in retrieval order, then the judged but
 * unretrieved ones in document-id byte order.
 */
export interface PrefsCounts {
  /** Distinct judged documents. */
  numJudged: number;
  /** Judged documents that were retrieved (within the depth cut). */
  numJudgedRet: number;
  /** Judgment groups in group-name byte order. */
  groups: JudgmentGroupCounts[];
  /** `pairCounts[i * numJudged + j]`: number of groups preferring docid rank i to j (C unsigned short). */
  pairCounts: Uint16Array;
  /** Lazily computed by `pairSums`. */
  pairs?: PairSums;
}

/** A judgment group with zero counts and no preference representation yet. */
export function emptyGroupCounts(name: string): JudgmentGroupCounts {
  return {
    name,
    fulfilledRet: 0,
    possibleRet: 0,
    fulfilledImp: 0,
    possibleImp: 0,
    possibleNotOccur: 0,
    numRel: 0,
    numRelRet: 0,
    numNonrel: 0,
    numNonrelRet: 0,
    classes: [],
    prefsArray: new Uint8Array(0),
    relArray: new Float64Array(0),
  };
}

/** The {@link PairSums} of a query, computed once (row-major, as trec_eval's prefs_pair loops). */
export function pairSums(pc: PrefsCounts): PairSums {
  if (pc.pairs !== undefined) return pc.pairs;
  const n = pc.numJudged;
  const nr = pc.numJudgedRet;
  const c = pc.pairCounts;
  let sum = 0;
  let pairs = 0;
  const ratio = (i: number, j: number): void => {
    const ij = c[i * n + j] as number;
    const ji = c[j * n + i] as number;
    if (ij !== 0 || ji !== 0) {
      pairs++;
      sum += ij / (ij + ji);
    }
  };
  for (let i = 0; i < nr; i++) for (let j = i + 1; j < nr; j++) ratio(i, j);
  const sumRet = sum;
  const pairsRet = pairs;
  for (let i = 0; i < nr; i++) for (let j = nr; j < n; j++) ratio(i, j);
  let pairsNotOccur = 0;
  for (let i = nr; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (c[i * n + j] !== 0 || c[j * n + i] !== 0) pairsNotOccur++;
  }
  pc.pairs = { sumRet, pairsRet, sumImp: sum, pairsImp: pairs, pairsNotOccur };
  return pc.pairs;
}
