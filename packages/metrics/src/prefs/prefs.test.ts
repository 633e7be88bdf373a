import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { evaluate, summaryOf } from '../eval/evaluate.js';
import { readPrefsCompact } from '../parse/read-prefs.js';
import { readQrelsCompact } from '../parse/read-qrels.js';
import { readRunCompact } from '../parse/read-run.js';

const stream = (text: string): Readable => Readable.from([Buffer.from(text)]);
const prefs = (text: string, format: 'prefs' | 'qrels_prefs' = 'prefs') =>
  readPrefsCompact(stream(text), { name: 'prefs.txt', format });
const run = (text: string) => readRunCompact(stream(text), { name: 'run.txt' });

async function allPrefs(judgments: string, ranking: string, format: 'prefs' | 'qrels_prefs' = 'prefs') {
  const result = evaluate(await prefs(judgments, format), await run(ranking), { measures: ['all_prefs'] });
  return summaryOf(result);
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('preference measures, hand-computed', () => {
  // One judgment group, one sub-group: A (2) > B (1) > C (0). Ranking C, A; B not retrieved.
  // Docid ranks: C = 0, A = 1 (retrieved), B = 2. Preferences: A>B fulfilled implied, A>C failed (both
  // retrieved), B>C failed implied. Pairs: (C,A) 0, (C,B) 0, (A,B) 1.
  const ec = 'q a s A 2\nq a s B 1\nq a s C 0\n';
  const ecRun = 'q Q0 C 1 2.0 r\nq Q0 A 2 1.0 r\nq Q0 X 3 0.5 r\n';
  it('equivalence classes: counts and ratios', async () => {
    const v = await allPrefs(ec, ecRun);
    expect(v.prefs_num_prefs_poss).toBe(3);
    expect(v.prefs_num_prefs_ful).toBe(1);
    expect(v.prefs_num_prefs_ful_ret).toBe(0);
    expect(v.prefs_simp).toBeCloseTo(1 / 3, 12);
    expect(v.prefs_simp_ret).toBe(0);
    expect(v.prefs_simp_imp).toBeCloseTo(1 / 3, 12);
    expect(v.prefs_pair).toBeCloseTo(1 / 3, 12);
    expect(v.prefs_pair_ret).toBe(0);
    expect(v.prefs_avgjg).toBeCloseTo(1 / 3, 12);
    // R = 2 relevant (A, B), N = 1 nonrelevant: (1 + 1 * (2 - 1)) / (3 + 2 * (2 - 1)).
    expect(v.prefs_avgjg_Rnonrel).toBeCloseTo(2 / 5, 12);
    // Among retrieved: R = 1 (A), N = 1 (C): 0 fulfilled of 1.
    expect(v.prefs_avgjg_Rnonrel_ret).toBe(0);
  });

  it('qrels_prefs reads a TREC qrels file as one group per iter value', async () => {
    const v = await allPrefs('q 0 A 2\nq 0 B 1\nq 0 C 0\n', ecRun, 'qrels_prefs');
    expect(v.prefs_num_prefs_poss).toBe(3);
    expect(v.prefs_simp).toBeCloseTo(1 / 3, 12);
  });

  it('preference arrays add transitive preferences across sub-groups', async () => {
    // Sub-group 1: A > B; sub-group 2: B > C; so A > C too. Ranking A, C, B: A>B, A>C hold, B>C fails.
    const v = await allPrefs(
      'q g s1 A 2\nq g s1 B 1\nq g s2 B 2\nq g s2 C 1\n',
      'q Q0 A 1 3 r\nq Q0 C 2 2 r\nq Q0 B 3 1 r\n',
    );
    expect(v.prefs_num_prefs_poss).toBe(3);
    expect(v.prefs_num_prefs_ful_ret).toBe(2);
    expect(v.prefs_simp).toBeCloseTo(2 / 3, 12);
  });

  it('two disagreeing groups: prefs_pair averages per pair, prefs_avgjg per group', async () => {
    // Group x: A > B > C (3 prefs); group y: B > A (1 pref). Ranking A, B, C.
    const v = await allPrefs(
      'q x s A 3\nq x s B 2\nq x s C 1\nq y s A 0\nq y s B 1\n',
      'q Q0 A 1 3 r\nq Q0 B 2 2 r\nq Q0 C 3 1 r\n',
    );
    expect(v.prefs_simp).toBeCloseTo(3 / 4, 12);
    // Pairs (A,B): 1 of 2 groups; (A,C): 1/1; (B,C): 1/1.
    expect(v.prefs_pair).toBeCloseTo((0.5 + 1 + 1) / 3, 12);
    expect(v.prefs_avgjg).toBeCloseTo((1 + 0) / 2, 12);
  });

  it('Rnonrel with more nonrelevant than relevant documents keeps the first R nonrelevant ones', async () => {
    // A (1) relevant; B, C (0) nonrelevant; ranking A, B, C. R = 1 < N = 2: only B is kept. trec_eval's
    // recount also pairs the nonrelevant class with the kept B (never fulfilled): A>B fulfilled, B-B and
    // C-B not, so 1 / 3 rather than 1 / 1.
    const v = await allPrefs(
      'q g s A 1\nq g s B 0\nq g s C 0\n',
      'q Q0 A 1 3 r\nq Q0 B 2 2 r\nq Q0 C 3 1 r\n',
    );
    expect(v.prefs_avgjg).toBe(1);
    expect(v.prefs_avgjg_Rnonrel).toBeCloseTo(1 / 3, 12);
    expect(v.prefs_avgjg_Rnonrel_ret).toBeCloseTo(1 / 3, 12);
  });

  it('score ties are broken by ascending document id (form_prefs_counts.c)', async () => {
    const v = await allPrefs('q g s A 1\nq g s B 0\n', 'q Q0 B 1 1.0 r\nq Q0 A 2 1.0 r\n');
    expect(v.prefs_simp_ret).toBe(1);
  });
});

describe('preference judgments: errors name file:line', () => {
  const cases: [string, string, string, string][] = [
    ['too few columns', 'q g s A 1\nq g A 0\n', 'PARSE_ERROR', 'prefs.txt:2: expected 5 columns, found 4'],
    [
      'rel_level not a number',
      'q g s A 1\nq g s B high\n',
      'PARSE_ERROR',
      'prefs.txt:2, field "rel_level": rel_level is not a number: "high"',
    ],
    [
      'same document twice in a sub-group',
      'q g s A 1\nq g s B 0\nq g s A 0\n',
      'DUPLICATE_ID',
      'prefs.txt:3: document "A" is judged twice for query q, judgment group g, sub-group s (first on line 1)',
    ],
    ['only comments', '# none\n', 'EMPTY_INPUT', 'prefs.txt: no preference judgments found'],
  ];
  for (const [what, text, code, message] of cases) {
    it(what, async () => {
      const error = await errorOf(prefs(text));
      expect(error.code).toBe(code);
      expect(error.message.startsWith(message)).toBe(true);
    });
  }

  const evalError = async (text: string) =>
    errorOf(
      (async () => evaluate(await prefs(text), await run('q Q0 A 1 1 r\n'), { measures: ['all_prefs'] }))(),
    );

  it('rel_level 0 and non-0 for one document in one judgment group', async () => {
    const error = await evalError('q g s1 A 1\nq g s1 B 0\nq g s2 A 0\nq g s2 C 1\n');
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.message).toMatch(
      /^prefs\.txt:3: document "A" has both rel_level 0 and a non-0 rel_level in judgment group g/,
    );
  });

  it('contradicting sub-groups of one judgment group', async () => {
    const error = await evalError('q g s1 A 2\nq g s1 B 1\nq g s2 B 2\nq g s2 A 1\n');
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.message).toMatch(
      /^prefs\.txt:\d+: inconsistent preferences in judgment group g: "[AB]" and "[AB]"/,
    );
  });

  it('measures that do not fit the judgments', async () => {
    const wrongMeasure = await errorOf(
      (async () =>
        evaluate(await prefs('q g s A 1\n'), await run('q Q0 A 1 1 r\n'), { measures: ['map'] }))(),
    );
    expect(wrongMeasure.code).toBe('UNSUPPORTED');
    expect(wrongMeasure.message).toMatch(/measure map cannot be computed from preference judgments/);
    const qrels = await readQrelsCompact(stream('q 0 A 1\n'), { name: 'qrels.txt' });
    const noPrefs = await errorOf(
      (async () => evaluate(qrels, await run('q Q0 A 1 1 r\n'), { measures: ['prefs_simp'] }))(),
    );
    expect(noPrefs.code).toBe('UNSUPPORTED');
    expect(noPrefs.message).toMatch(/measure prefs_simp needs preference judgments/);
  });
});
