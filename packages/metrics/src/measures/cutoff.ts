import type { RankedJudgments } from '../eval/ranked-judgments.js';
import { type PrefixSums, prefixSums } from '../eval/ranked-judgments.js';
import type { MeasureDef } from './measure.js';
import { longCutoffNames } from './names.js';

const DEFAULT_CUTOFFS = [5, 10, 15, 20, 30, 100, 200, 500, 1000];

/**
 * A measure with one value per integer cutoff k, computed from the prefix sums over the first
 * min(k, num_ret) documents (trec_eval's cutoffs beyond the ranking use the whole ranking and k itself).
 */
function atCutoffs(
  name: string,
  defaults: number[],
  value: (k: number, seen: number, rr: RankedJudgments, sums: PrefixSums) => number,
): MeasureDef {
  return {
    name,
    kind: 'mean',
    params: 'long-cutoffs',
    defaults,
    valueNames: longCutoffNames(name),
    compute: (rr, params, _ctx, out, offset) => {
      const sums = prefixSums(rr);
      const cutoffs = params.values;
      for (let c = 0; c < cutoffs.length; c++) {
        const k = cutoffs[c] as number;
        out[offset + c] = value(k, Math.min(k, rr.numRet), rr, sums);
      }
    },
  };
}

/** P, recall, map_cut, relative_P, success, unj at cutoffs. */
export const precisionAt = atCutoffs(
  'P',
  DEFAULT_CUTOFFS,
  (k, seen, _rr, s) => (s.relevant[seen] as number) / k,
);

export const recallAt = atCutoffs('recall', DEFAULT_CUTOFFS, (_k, seen, rr, s) =>
  rr.numRel > 0 ? (s.relevant[seen] as number) / rr.numRel : 0,
);

export const mapCut = atCutoffs('map_cut', DEFAULT_CUTOFFS, (_k, seen, rr, s) =>
  rr.numRel > 0 ? (s.precision[seen] as number) / rr.numRel : 0,
);

export const relativePrecisionAt = atCutoffs('relative_P', DEFAULT_CUTOFFS, (k, seen, rr, s) => {
  const denom = Math.min(k, rr.numRel);
  return denom > 0 ? (s.relevant[seen] as number) / denom : 0;
});

export const successAt = atCutoffs('success', [1, 5, 10], (_k, seen, _rr, s) =>
  (s.relevant[seen] as number) > 0 ? 1 : 0,
);

export const unjudgedAt = atCutoffs(
  'unj',
  [5, 10, 20],
  (k, seen, _rr, s) => (s.unjudged[seen] as number) / k,
);

/** ndcg_cut.k: DCG@k with the raw grade as gain and log2(rank) discount after rank 1; IDCG from judged grades. */
export const ndcgCut: MeasureDef = {
  name: 'ndcg_cut',
  kind: 'mean',
  params: 'long-cutoffs',
  defaults: DEFAULT_CUTOFFS,
  valueNames: longCutoffNames('ndcg_cut'),
  compute: (rr, params, _ctx, out, offset) => {
    const cutoffs = params.values;
    let c = 0;
    let sum = 0;
    for (let i = 0; i < rr.numRet; i++) {
      if (i === cutoffs[c]) {
        out[offset + c] = sum;
        if (++c === cutoffs.length) break;
      }
      const gain = rr.rels[i] as number;
      if (gain > 0) sum += gain / Math.log2(i + 2);
    }
    for (; c < cutoffs.length; c++) out[offset + c] = sum;
    // Ideal DCG, walking the grade levels from the top.
    c = 0;
    let level = rr.numRelLevels - 1;
    let levelCount = 0;
    let ideal = 0;
    if (level > 0) {
      for (let i = 0; ; i++) {
        levelCount++;
        while (level > 0 && levelCount > (rr.relLevels[level] as number)) {
          level--;
          levelCount = 1;
        }
        if (level === 0) break;
        if (i === cutoffs[c]) {
          if (ideal > 0) out[offset + c] = (out[offset + c] as number) / ideal;
          if (++c === cutoffs.length) break;
        }
        ideal += level / Math.log2(i + 2);
      }
    }
    for (; c < cutoffs.length; c++) {
      if (ideal > 0) out[offset + c] = (out[offset + c] as number) / ideal;
    }
  },
};
