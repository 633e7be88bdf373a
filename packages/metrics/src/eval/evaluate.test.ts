import type { Qrels, Run } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../compare/compare-runs.js';
import { comparisonToJson, renderComparisonMarkdown } from '../compare/render.js';
import { evaluateMetrics, getPreset } from '../presets.js';
import { evaluate, perQueryValues, summaryOf } from './evaluate.js';

const qrels: Qrels = new Map([
  [
    'q1',
    new Map([
      ['a', 1],
      ['b', 0],
      ['z', 2],
    ]),
  ],
  ['q2', new Map([['x', 1]])],
]);

describe('evaluate on in-memory runs', () => {
  it('breaks score ties by document id in descending byte order (trec_eval)', () => {
    const run: Run = new Map([['q1', { ids: ['a', 'b', 'c'], scores: [1, 1, 1] }]]);
    const result = evaluate(qrels, run, { measures: ['recip_rank', 'relstring'] });
    // order c, b, a -> first relevant at rank 3
    expect(summaryOf(result).recip_rank).toBeCloseTo(1 / 3, 12);
    expect(result.queries[0]?.texts.get(1)).toBe('-01');
  });
  it('skips judged queries missing from the run with a warning, or fails with strict', () => {
    const run: Run = new Map([['q1', { ids: ['z'], scores: [3] }]]);
    const warnings: string[] = [];
    const result = evaluate(qrels, run, { measures: ['map'], onWarning: (w) => warnings.push(w) });
    expect(result.skippedQueries).toEqual(['q2']);
    expect(warnings[0]).toMatch(/1 judged query has no results in the run and was skipped \(q2\)/);
    expect(summaryOf(result).map).toBeCloseTo(0.5, 12);
    expect(() => evaluate(qrels, run, { measures: ['map'], strict: true })).toThrow(
      /query q2 has judgments but no results/,
    );
  });
  it('-c averages over every judged query', () => {
    const run: Run = new Map([['q1', { ids: ['z'], scores: [3] }]]);
    const s = summaryOf(evaluate(qrels, run, { measures: ['map', 'num_q'], complete: true }));
    expect(s.num_q).toBe(2);
    expect(s.map).toBeCloseTo(0.25, 12);
  });
  it('-l raises the relevance level for binary measures but not nDCG gains', () => {
    const run: Run = new Map([['q1', { ids: ['a', 'z'], scores: [2, 1] }]]);
    const l1 = summaryOf(evaluate(qrels, run, { measures: ['P.1', 'ndcg_cut.2'] }));
    const l2 = summaryOf(evaluate(qrels, run, { measures: ['P.1', 'ndcg_cut.2'], relevanceLevel: 2 }));
    expect(l1.P_1).toBe(1);
    expect(l2.P_1).toBe(0);
    expect(l2.ndcg_cut_2).toBe(l1.ndcg_cut_2);
    // DCG = 1/log2(2) + 2/log2(3); IDCG = 2 + 1/log2(3)
    expect(l1.ndcg_cut_2).toBeCloseTo((1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3)), 12);
  });
  it('rejects unknown measures and bad parameters', () => {
    const run: Run = new Map([['q1', { ids: ['a'], scores: [1] }]]);
    expect(() => evaluate(qrels, run, { measures: ['nope'] })).toThrow(/illegal measure 'nope'/);
    expect(() => evaluate(qrels, run, { measures: ['P.5,5'] })).toThrow(/duplicate cutoffs/);
    expect(() => evaluate(qrels, run, { measures: ['P.0'] })).toThrow(/cutoffs must be positive/);
    expect(() => perQueryValues(evaluate(qrels, run), 'ndcg')).toThrow(/measure ndcg was not evaluated/);
  });
});

describe('presets and comparisons', () => {
  const base: Run = new Map([
    ['q1', { ids: ['b', 'a', 'z'], scores: [3, 2, 1] }],
    ['q2', { ids: ['y', 'x'], scores: [2, 1] }],
  ]);
  const better: Run = new Map([
    ['q1', { ids: ['z', 'a', 'b'], scores: [3, 2, 1] }],
    ['q2', { ids: ['x', 'y'], scores: [2, 1] }],
  ]);
  it('msmarco-dev MRR@10 equals -c -M 10 -m recip_rank', () => {
    const [mrr] = evaluateMetrics(qrels, base, getPreset('msmarco-dev').metrics);
    const direct = summaryOf(evaluate(qrels, base, { measures: ['recip_rank'], complete: true, depth: 10 }));
    expect(mrr?.label).toBe('MRR@10');
    expect(mrr?.value).toBe(direct.recip_rank);
    expect(() => getPreset('msmarco')).toThrow(/unknown preset "msmarco"/);
  });
  it('compareRuns renders values, p-values and markers', () => {
    const table = compareRuns(
      qrels,
      [
        { name: 'base', run: base },
        { name: 'better', run: better },
      ],
      {
        metrics: getPreset('beir').metrics,
        alpha: 0.5,
      },
    );
    expect(table.runs[1]?.cells[0]?.direction).toBe('better');
    const md = renderComparisonMarkdown(table);
    expect(md).toContain('| Run | nDCG@10 | R@100 |');
    expect(md).toContain('| base (baseline) |');
    const json = comparisonToJson(table) as { runs: { name: string }[] };
    expect(json.runs.map((r) => r.name)).toEqual(['base', 'better']);
  });
});

describe('long work', () => {
  it('reports progress and honours an aborted signal', () => {
    const run: Run = new Map([
      ['q1', { ids: ['z'], scores: [1] }],
      ['q2', { ids: ['x'], scores: [1] }],
    ]);
    const seen: number[] = [];
    evaluate(qrels, run, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2]);
    const controller = new AbortController();
    controller.abort();
    expect(() => evaluate(qrels, run, { signal: controller.signal })).toThrow(/evaluation was cancelled/);
  });
});

describe('-J (judged documents only)', () => {
  it('drops unjudged documents after the depth cut', () => {
    const run: Run = new Map([['q1', { ids: ['c', 'a', 'd', 'z'], scores: [4, 3, 2, 1] }]]);
    const all = summaryOf(evaluate(qrels, run, { measures: ['num_ret', 'P.1'] }));
    const judged = summaryOf(evaluate(qrels, run, { measures: ['num_ret', 'P.1'], judgedOnly: true }));
    const cut = summaryOf(evaluate(qrels, run, { measures: ['num_ret'], judgedOnly: true, depth: 3 }));
    expect([all.num_ret, all.P_1]).toEqual([4, 0]);
    expect([judged.num_ret, judged.P_1]).toEqual([2, 1]);
    expect(cut.num_ret).toBe(1);
  });
});

describe('compat 9.0.8', () => {
  it('uses the 9.0.8 all_trec set and (long)(x + 0.9) recall cutoffs', () => {
    const run: Run = new Map([['q1', { ids: ['z', 'b', 'a'], scores: [3, 2, 1] }]]);
    const v10 = evaluate(qrels, run, { measures: ['all_trec'] });
    const v9 = evaluate(qrels, run, { measures: ['all_trec'], compat: '9.0.8' });
    expect(v10.columns.map((c) => c.name)).toContain('rbp');
    expect(v9.columns.map((c) => c.name).filter((n) => /^(rbp|rbp_resid|unj_\d+)$/.test(n))).toEqual([]);
    // 2 relevant docs (z, a at ranks 1 and 3). Recall 0.3: lround(0.6) = 1 -> precision 1.0;
    // 9.0.8: (long)(0.6 + 0.9) = 1 as well; recall 0.2: lround(0.4) = 0 vs (long)(1.3) = 1, both 1.0.
    // Recall 0.8: lround(1.6) = 2 -> 2/3; (long)(2.5) = 2 -> 2/3.
    const at = (r: typeof v10, name: string) => r.summary[r.columns.findIndex((c) => c.name === name)];
    expect(at(v10, 'iprec_at_recall_0.80')).toBeCloseTo(2 / 3, 12);
    expect(at(v9, 'iprec_at_recall_0.80')).toBeCloseTo(2 / 3, 12);
    const run2: Run = new Map([['q1', { ids: ['a', 'b', 'c', 'd', 'z'], scores: [5, 4, 3, 2, 1] }]]);
    // recall 0.7 of 2 rels: lround(1.4) = 1 -> int. precision at 1st rel (rank 1) = 1; 9.0.8: (long)(2.3) = 2 -> 2/5
    expect(at(evaluate(qrels, run2, { measures: ['iprec_at_recall.0.7'] }), 'iprec_at_recall_0.70')).toBe(1);
    expect(
      at(
        evaluate(qrels, run2, { measures: ['iprec_at_recall.0.7'], compat: '9.0.8' }),
        'iprec_at_recall_0.70',
      ),
    ).toBeCloseTo(0.4, 12);
  });
});
