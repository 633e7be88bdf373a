import type { PrefsCounts } from '../prefs/prefs-counts.js';
import { compareBytes } from '../store/byte-hash.js';
import type { CompactQrelsQuery } from '../store/compact-qrels.js';
import type { CompactRunQuery } from '../store/compact-run.js';

/** Relevance code of a retrieved document absent from the qrels (trec_eval `RELVALUE_NONPOOL`). */
export const REL_NONPOOL = -1;
/** Relevance code of a document in the qrels with a negative grade (trec_eval `RELVALUE_UNJUDGED`). */
export const REL_UNJUDGED = -2;

/**
 * One query's ranking as trec_eval's measures see it (`RES_RELS` in form_res_rels.c): the grade of each
 * retrieved document in rank order, plus counts.
 */
export interface RankedJudgments {
  /** Grade at each rank (0-based); {@link REL_NONPOOL} or {@link REL_UNJUDGED} for unjudged documents. */
  rels: Int32Array;
  /** Number of retrieved documents (after the depth cut). */
  numRet: number;
  /** Number of judged documents with grade >= the relevance level. */
  numRel: number;
  /** Number of retrieved documents with grade >= the relevance level. */
  numRelRet: number;
  /** `relLevels[g]` = judged documents with grade g (g >= 0). */
  relLevels: Int32Array;
  /** One more than the highest grade with at least one judged document (0 when none). */
  numRelLevels: number;
  /** The relevance level (`-l`). */
  level: number;
  /** Per judgment group rankings (only with `-R qrels_jg` judgments). */
  groups?: RankedJudgments[];
  /** Preference counts (only with `-R prefs` / `-R qrels_prefs` judgments). */
  prefs?: PrefsCounts;
  /** Lazily computed prefix sums shared by cutoff measures (see {@link prefixSums}). */
  prefix?: PrefixSums;
}

/** Prefix sums over the ranking: value at index k covers the first k documents. */
export interface PrefixSums {
  /** Relevant documents (grade >= level). */
  relevant: Int32Array;
  /** Sum of precision at each relevant document (the numerator of AP). */
  precision: Float64Array;
  /** Unjudged documents (not in the qrels, or a negative grade). */
  unjudged: Int32Array;
}

/** The {@link PrefixSums} of a ranking, computed once and cached on it. */
export function prefixSums(rr: RankedJudgments): PrefixSums {
  if (rr.prefix !== undefined) return rr.prefix;
  const n = rr.numRet;
  const relevant = new Int32Array(n + 1);
  const precision = new Float64Array(n + 1);
  const unjudged = new Int32Array(n + 1);
  let rel = 0;
  let sum = 0;
  let unj = 0;
  for (let i = 0; i < n; i++) {
    const r = rr.rels[i] as number;
    if (r >= rr.level) {
      rel++;
      sum += rel / (i + 1);
    }
    if (r === REL_NONPOOL || r === REL_UNJUDGED) unj++;
    relevant[i + 1] = rel;
    precision[i + 1] = sum;
    unjudged[i + 1] = unj;
  }
  rr.prefix = { relevant, precision, unjudged };
  return rr.prefix;
}

/**
 * Orders a query's documents as trec_eval does: score descending, ties by document id in descending byte
 * (strcmp) order. Returns the document indices in rank order.
 */
export function rankOrder(q: CompactRunQuery): Int32Array {
  const n = q.size;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const scores = q.scores;
  const pool = q.pool;
  const offsets = q.offsets;
  const byDocDesc = (a: number, b: number): number =>
    compareBytes(
      pool,
      offsets[b] as number,
      offsets[b + 1] as number,
      pool,
      offsets[a] as number,
      offsets[a + 1] as number,
    );
  let nonIncreasing = true;
  for (let i = 1; i < n; i++) {
    if ((scores[i] as number) > (scores[i - 1] as number)) {
      nonIncreasing = false;
      break;
    }
  }
  if (!nonIncreasing) {
    order.sort((a, b) => {
      const sa = scores[a] as number;
      const sb = scores[b] as number;
      return sa > sb ? -1 : sa < sb ? 1 : byDocDesc(a, b);
    });
    return order;
  }
  // Fast path: already sorted by score; only runs of equal scores need ordering by id.
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && scores[j] === scores[i]) j++;
    if (j - i > 1) order.subarray(i, j).sort(byDocDesc);
    i = j;
  }
  return order;
}

/** Builds the {@link RankedJudgments} of one query: rank, cut at `depth`, look up grades. */
export function rankQuery(
  q: CompactRunQuery,
  judged: CompactQrelsQuery,
  level: number,
  depth: number,
  judgedOnly = false,
): RankedJudgments {
  const order = rankOrder(q);
  const numRet = Math.min(order.length, depth);
  const rels = new Int32Array(numRet);
  let numRelRet = 0;
  for (let r = 0; r < numRet; r++) {
    const d = order[r] as number;
    const s = q.offsets[d] as number;
    const e = q.offsets[d + 1] as number;
    const j = judged.find(q.pool, s, e, q.hashes[d] as number);
    let rel = REL_NONPOOL;
    if (j >= 0) {
      const g = judged.grades[j] as number;
      rel = g < 0 ? REL_UNJUDGED : g;
      if (g >= 0 && g >= level) numRelRet++;
    }
    rels[r] = rel;
  }
  if (judgedOnly) {
    // trec_eval -J: unjudged documents are removed after the depth cut, keeping the order of the rest.
    const kept = rels.filter((r) => r >= 0);
    return judgmentsFromRels(kept, judged.levelCounts, level, numRelRet);
  }
  return judgmentsFromRels(rels, judged.levelCounts, level, numRelRet);
}

/** Assembles {@link RankedJudgments} from a ranked grade list and the query's judged-grade counts. */
export function judgmentsFromRels(
  rels: Int32Array,
  relLevels: Int32Array,
  level: number,
  numRelRet?: number,
): RankedJudgments {
  let relRet = numRelRet ?? 0;
  if (numRelRet === undefined) for (const r of rels) if (r >= 0 && r >= level) relRet++;
  let numRel = 0;
  let numRelLevels = 0;
  for (let g = 0; g < relLevels.length; g++) {
    const c = relLevels[g] as number;
    if (c > 0) {
      numRelLevels = g + 1;
      if (g >= level) numRel += c;
    }
  }
  return { rels, numRet: rels.length, numRel, numRelRet: relRet, relLevels, numRelLevels, level };
}
