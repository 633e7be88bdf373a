import { Readable } from 'node:stream';
import type { Qrels, RankedList, Run } from '@retrievekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTrecEval } from '../format/format-trec-eval.js';
import { readQrels } from '../parse/read-qrels.js';
import { readRun } from '../parse/read-run.js';
import { evaluate, summaryOf } from './evaluate.js';

const docId = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const qid = fc.stringMatching(/^[a-z0-9]{1,4}$/);
const score = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

/** A run: per query, distinct doc ids with scores. */
const runArb = fc
  .uniqueArray(qid, { minLength: 1, maxLength: 4 })
  .chain((qids) =>
    fc.tuple(
      ...qids.map((q) =>
        fc
          .uniqueArray(docId, { minLength: 1, maxLength: 30 })
          .chain((ids) =>
            fc.tuple(
              fc.constant(q),
              fc.constant(ids),
              fc.array(score, { minLength: ids.length, maxLength: ids.length }),
            ),
          ),
      ),
    ),
  );

function toRun(entries: readonly (readonly [string, string[], number[]])[]): Run {
  return new Map(
    entries.map(([q, ids, scores]) => [q, { ids, scores: Float64Array.from(scores) } as RankedList]),
  );
}

/** Qrels judging a random subset of each query's retrieved docs plus some unretrieved ones. */
function qrelsFor(run: Run, grades: number[]): Qrels {
  const qrels = new Map<string, Map<string, number>>();
  let k = 0;
  for (const [q, list] of run) {
    const docs = new Map<string, number>();
    list.ids.forEach((id, i) => {
      const g = grades[k++ % grades.length] as number;
      if (i % 3 !== 2) docs.set(id, g);
    });
    docs.set(`unretrieved-${q}`, 1);
    qrels.set(q, docs);
  }
  return qrels;
}

const grades = fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 1, maxLength: 20 });

describe('parsers round-trip generated files', () => {
  it('run -> TREC text -> readRun', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, fc.boolean(), async (entries, crlf) => {
        const nl = crlf ? '\r\n' : '\n';
        const text = entries
          .flatMap(([q, ids, scores]) => ids.map((id, i) => `${q} Q0 ${id} ${i + 1} ${scores[i]} tag`))
          .join(nl);
        const run = await readRun(Readable.from([Buffer.from(text)]));
        expect([...run.keys()]).toEqual(entries.map(([q]) => q));
        for (const [q, ids, scores] of entries) {
          expect(run.get(q)?.ids).toEqual(ids);
          expect(Array.from(run.get(q)?.scores ?? [], (s) => s + 0)).toEqual(scores.map((s) => s + 0));
        }
      }),
      { numRuns: 60 },
    );
  });
  it('qrels -> TREC text and BEIR TSV -> readQrels', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, grades, async (entries, g) => {
        const qrels = qrelsFor(toRun(entries), g);
        const rows = [...qrels].flatMap(([q, docs]) => [...docs].map(([d, r]) => [q, d, r] as const));
        const trec = await readQrels(
          Readable.from([Buffer.from(rows.map(([q, d, r]) => `${q} 0 ${d} ${r}`).join('\n'))]),
        );
        const beirText = `query-id\tcorpus-id\tscore\r\n${rows.map(([q, d, r]) => `${q}\t${d}\t${r}`).join('\r\n')}\r\n`;
        const beir = await readQrels(Readable.from([Buffer.from(beirText)]));
        const plain = (x: Qrels) => [...x].map(([q, d]) => [q, [...d]]);
        expect(plain(trec)).toEqual(plain(qrels));
        expect(plain(beir)).toEqual(plain(qrels));
      }),
      { numRuns: 40 },
    );
  });
});

const BOUNDED =
  /^(map|P_\d+|recall_\d+|ndcg|ndcg_cut_\d+|map_cut_\d+|recip_rank|bpref|Rprec|success_\d+|set_P|set_recall|set_map|set_F|set_relative_P|relative_P_\d+|iprec_at_recall_.*|11pt_avg|infAP|ndcg_rel|Rndcg|binG|G|rbp|rbp_resid|unj_\d+|Rprec_mult_.*)$/;

describe('measure invariants', () => {
  it('bounded measures stay in [0, 1]; P@k*k and recall@k never decrease with k', () => {
    fc.assert(
      fc.property(runArb, grades, (entries, g) => {
        const run = toRun(entries);
        const result = evaluate(qrelsFor(run, g), run, { measures: ['all_trec'] });
        for (const q of result.queries) {
          result.columns.forEach((col, c) => {
            if (BOUNDED.test(col.name)) {
              const v = q.values[c] as number;
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(1 + 1e-12);
            }
          });
          const at = (prefix: string) =>
            result.columns
              .map((col, c) => [col.name, q.values[c] as number] as const)
              .filter(([n]) => n.startsWith(prefix))
              .map(([n, v]) => [Number(n.slice(prefix.length)), v] as const);
          const p = at('P_').map(([k, v]) => Math.round(k * v));
          const r = at('recall_').map(([, v]) => v);
          for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThanOrEqual(p[i - 1] as number);
          for (let i = 1; i < r.length; i++) expect(r[i]).toBeGreaterThanOrEqual(r[i - 1] as number);
        }
      }),
      { numRuns: 60 },
    );
  });
  it('the ideal ranking has nDCG = 1 at every cutoff', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 40 }), (gs) => {
        fc.pre(gs.some((x) => x > 0));
        const docs = gs.map((x, i) => [`d${i}`, x] as const);
        const qrels: Qrels = new Map([['q', new Map(docs)]]);
        const sorted = [...docs].sort((a, b) => b[1] - a[1]);
        const run: Run = new Map([
          ['q', { ids: sorted.map(([d]) => d), scores: sorted.map((_, i) => sorted.length - i) }],
        ]);
        const summary = summaryOf(evaluate(qrels, run, { measures: ['ndcg', 'ndcg_cut.1,3,10,1000'] }));
        for (const v of Object.values(summary).slice(1)) expect(v).toBeCloseTo(1, 12);
      }),
      { numRuns: 80 },
    );
  });
  it('shuffling the run lines changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, grades, fc.integer(), async (entries, g, seed) => {
        const run = toRun(entries);
        const qrels = qrelsFor(run, g);
        const lines = entries.flatMap(([q, ids, scores]) =>
          ids.map((id, i) => `${q} Q0 ${id} 0 ${scores[i]} t`),
        );
        const shuffled =
          fc.sample(fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }), {
            seed,
            numRuns: 1,
          })[0] ?? lines;
        const a = formatTrecEval(
          evaluate(qrels, await readRun(Readable.from([lines.join('\n')])), { measures: ['all_trec'] }),
          { perQuery: true },
        );
        const b = formatTrecEval(
          evaluate(qrels, await readRun(Readable.from([shuffled.join('\n')])), { measures: ['all_trec'] }),
          { perQuery: true },
        );
        expect(b).toBe(a);
      }),
      { numRuns: 30 },
    );
  });
});
