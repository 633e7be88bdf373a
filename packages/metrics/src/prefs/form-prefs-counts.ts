import { RetrievekitError } from '@retrievekit/core';
import { compareBytes } from '../store/byte-hash.js';
import type { CompactPrefsQuery } from '../store/compact-prefs.js';
import type { CompactRunQuery } from '../store/compact-run.js';
import { buildClasses, countClassPrefs } from './equivalence-classes.js';
import { buildPrefsArray, countArrayPrefs } from './prefs-array.js';
import { emptyGroupCounts, type JudgmentGroupCounts, type PrefsCounts } from './prefs-counts.js';

/**
 * Retrieved documents in the order trec_eval's preference code ranks them (form_prefs_counts.c
 * comp_sim_docno): score descending, ties by document id in ascending byte order (unlike the other
 * measures, which break ties in descending order).
 */
export function prefsRankOrder(q: CompactRunQuery): Int32Array {
  const order = new Int32Array(q.size);
  for (let i = 0; i < q.size; i++) order[i] = i;
  const { scores, pool, offsets } = q;
  return order.sort((a, b) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    if (sa !== sb) return sa > sb ? -1 : 1;
    return compareBytes(
      pool,
      offsets[a] as number,
      offsets[a + 1] as number,
      pool,
      offsets[b] as number,
      offsets[b + 1] as number,
    );
  });
}

/** Docid rank of every judged document (see {@link PrefsCounts}) and how many of them were retrieved. */
function docidRanks(
  q: CompactPrefsQuery,
  run: CompactRunQuery | undefined,
  depth: number,
): { rank: Int32Array; numJudgedRet: number } {
  const docs = q.docs;
  const rank = new Int32Array(docs.size).fill(-1);
  let next = 0;
  if (run !== undefined) {
    const order = prefsRankOrder(run);
    const cut = Math.min(order.length, depth);
    for (let r = 0; r < cut; r++) {
      const d = order[r] as number;
      const j = docs.find(
        run.pool,
        run.offsets[d] as number,
        run.offsets[d + 1] as number,
        run.hashes[d] as number,
      );
      if (j >= 0) rank[j] = next++;
    }
  }
  const numJudgedRet = next;
  const unretrieved: number[] = [];
  for (let j = 0; j < docs.size; j++) if (rank[j] === -1) unretrieved.push(j);
  const { pool, offsets } = docs;
  unretrieved.sort((a, b) =>
    compareBytes(
      pool,
      offsets[a] as number,
      offsets[a + 1] as number,
      pool,
      offsets[b] as number,
      offsets[b + 1] as number,
    ),
  );
  for (const j of unretrieved) rank[j] = next++;
  return { rank, numJudgedRet };
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Computes one query's preference counts from its preference judgments and ranking (trec_eval
 * form_prefs_counts.c): docid ranks, then per judgment group either equivalence classes (one sub-group)
 * or a transitively closed preference array (several), counting fulfilled and possible preferences.
 * `file` names the judgments' source in errors about inconsistent preferences.
 */
export function formPrefsCounts(
  q: CompactPrefsQuery,
  run: CompactRunQuery | undefined,
  depth: number,
  file: string,
): PrefsCounts {
  const n = q.docs.size;
  const { rank, numJudgedRet } = docidRanks(q, run, depth);
  const entryRank = (e: number): number => rank[q.doc[e] as number] as number;
  const order = Array.from({ length: q.size }, (_, i) => i);
  order.sort(
    (a, b) =>
      byName(q.groupNames[q.group[a] as number] as string, q.groupNames[q.group[b] as number] as string) ||
      byName(
        q.subgroupNames[q.subgroup[a] as number] as string,
        q.subgroupNames[q.subgroup[b] as number] as string,
      ) ||
      (q.rel[b] as number) - (q.rel[a] as number) ||
      entryRank(a) - entryRank(b),
  );
  const pairCounts = new Uint16Array(n * n);
  const groups: JudgmentGroupCounts[] = [];
  let start = 0;
  while (start < order.length) {
    const g = q.group[order[start] as number] as number;
    let end = start + 1;
    let subgroups = 1;
    while (end < order.length && q.group[order[end] as number] === g) {
      if (q.subgroup[order[end] as number] !== q.subgroup[order[end - 1] as number]) subgroups++;
      end++;
    }
    const entries = Int32Array.from(order.slice(start, end));
    const ranks = entries.map(entryRank);
    const rels = Float64Array.from(entries, (e) => q.rel[e] as number);
    const jg = emptyGroupCounts(q.groupNames[g] as string);
    if (subgroups > 1) {
      const subs = entries.map((e) => q.subgroup[e] as number);
      const problem = buildPrefsArray(jg, n, entries, ranks, rels, subs);
      if (problem !== undefined) throw inconsistency(q, file, jg.name, entries, rank, problem);
      countArrayPrefs(jg, n, numJudgedRet, pairCounts);
    } else {
      jg.classes = buildClasses(ranks, rels);
      countClassPrefs(jg, n, numJudgedRet, pairCounts);
    }
    groups.push(jg);
    start = end;
  }
  return { numJudged: n, numJudgedRet, groups, pairCounts };
}

function inconsistency(
  q: CompactPrefsQuery,
  file: string,
  group: string,
  entries: Int32Array,
  rank: Int32Array,
  problem: ReturnType<typeof buildPrefsArray>,
): RetrievekitError {
  const docName = (e: number): string => q.docs.text(q.doc[e] as number);
  if (problem?.kind === 'zero-and-nonzero') {
    return new RetrievekitError(
      'CORRUPT_DATA',
      `document "${docName(problem.entry)}" has both rel_level 0 and a non-0 rel_level in judgment group ${group}`,
      {
        where: { file, line: q.line[problem.entry] as number },
        hint: 'within a judgment group a document is either nonrelevant (0) in every sub-group or in none',
      },
    );
  }
  const entryOf = (r: number): number => entries.find((e) => rank[q.doc[e] as number] === r) ?? 0;
  const a = entryOf(problem?.kind === 'cycle' ? problem.rankA : 0);
  const b = entryOf(problem?.kind === 'cycle' ? problem.rankB : 0);
  return new RetrievekitError(
    'CORRUPT_DATA',
    `inconsistent preferences in judgment group ${group}: "${docName(a)}" and "${docName(b)}" (line ${q.line[b]}) are each preferred to the other`,
    {
      where: { file, line: q.line[a] as number },
      hint: 'sub-groups of one judgment group must not contradict each other (use separate groups for disagreeing assessors)',
    },
  );
}
