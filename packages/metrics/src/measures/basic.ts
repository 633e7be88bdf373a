import { prefixSums, type RankedJudgments, REL_NONPOOL, REL_UNJUDGED } from '../eval/ranked-judgments.js';
import type { MeasureDef } from './measure.js';
import { singleName } from './names.js';

/** Lower bound of per-query values before taking logs for geometric means (trec_eval MIN_GEO_MEAN). */
export const MIN_GEO_MEAN = 0.00001;
const INFAP_EPSILON = 0.00001;

function simple(name: string, kind: MeasureDef['kind'], value: (rr: RankedJudgments) => number): MeasureDef {
  return {
    name,
    kind,
    params: 'none',
    defaults: [],
    valueNames: singleName(name),
    compute: (rr, _p, _c, out, offset) => {
      out[offset] = value(rr);
    },
  };
}

function averagePrecision(rr: RankedJudgments): number {
  const sums = prefixSums(rr);
  return (sums.relevant[rr.numRet] as number) > 0 ? (sums.precision[rr.numRet] as number) / rr.numRel : 0;
}

function bpref(rels: Int32Array, level: number, numRel: number, relLevels: Int32Array): number {
  let numNonrel = 0;
  for (let j = 0; j < level && j < relLevels.length; j++) numNonrel += relLevels[j] as number;
  let nonrelSoFar = 0;
  let sum = 0;
  for (const r of rels) {
    if (r === REL_NONPOOL || r === REL_UNJUDGED) continue;
    if (r >= 0 && r < level) nonrelSoFar++;
    else if (nonrelSoFar > 0) sum += 1 - Math.min(nonrelSoFar, numRel) / Math.min(numNonrel, numRel);
    else sum += 1;
  }
  return numRel > 0 ? sum / numRel : sum;
}

/** runid, num_q, num_ret, num_rel, num_rel_ret, map, gm_map, Rprec, bpref, recip_rank. */
export const basicMeasures: MeasureDef[] = [
  simple('runid', 'runid', () => 0),
  simple('num_q', 'count', () => 1),
  simple('num_ret', 'sum', (rr) => rr.numRet),
  simple('num_rel', 'sum', (rr) => rr.numRel),
  simple('num_rel_ret', 'sum', (rr) => rr.numRelRet),
  simple('map', 'mean', (rr) => averagePrecision(rr)),
  simple('gm_map', 'geometric', (rr) => Math.log(Math.max(averagePrecision(rr), MIN_GEO_MEAN))),
  simple('Rprec', 'mean', (rr) => {
    const seen = Math.min(rr.numRet, rr.numRel);
    return rr.numRel > 0 ? (prefixSums(rr).relevant[seen] as number) / rr.numRel : 0;
  }),
  simple('bpref', 'mean', (rr) => bpref(rr.rels, rr.level, rr.numRel, rr.relLevels)),
  simple('recip_rank', 'mean', (rr) => {
    for (let i = 0; i < rr.numRet; i++) if ((rr.rels[i] as number) >= rr.level) return 1 / (i + 1);
    return 0;
  }),
];

/** infAP and gm_bpref. */
export const judgedMeasures: MeasureDef[] = [
  simple('infAP', 'mean', (rr) => {
    let nonrelSoFar = 0;
    let relSoFar = 0;
    let unjudgedSoFar = 0;
    let sum = 0;
    for (let j = 0; j < rr.numRet; j++) {
      const r = rr.rels[j] as number;
      if (r === REL_NONPOOL) continue;
      if (r === REL_UNJUDGED) {
        unjudgedSoFar++;
        continue;
      }
      if (r >= 0 && r < rr.level) nonrelSoFar++;
      else {
        relSoFar++;
        if (j === 0) sum += 1;
        else {
          const fj = j;
          sum +=
            1 / (fj + 1) +
            (fj / (fj + 1)) *
              ((relSoFar - 1 + nonrelSoFar + unjudgedSoFar) / fj) *
              ((relSoFar - 1 + INFAP_EPSILON) / (relSoFar - 1 + nonrelSoFar + 2 * INFAP_EPSILON));
        }
      }
    }
    return rr.numRel > 0 ? sum / rr.numRel : sum;
  }),
  simple('gm_bpref', 'geometric', (rr) =>
    Math.log(Math.max(bpref(rr.rels, rr.level, rr.numRel, rr.relLevels), MIN_GEO_MEAN)),
  ),
];

/** num_nonrel_judged_ret: retrieved documents judged below the relevance level. */
export const nonrelJudgedMeasure: MeasureDef = simple('num_nonrel_judged_ret', 'sum', (rr) => {
  let n = 0;
  for (const r of rr.rels) if (r >= 0 && r < rr.level) n++;
  return n;
});
