import type { RankedJudgments } from '../eval/ranked-judgments.js';
import type { MeasureDef } from './measure.js';
import { doubleCutoffNames, longCutoffNames, singleName } from './names.js';

/** The per-group rankings of a judgment-group evaluation (`-R qrels_jg`), or the ranking itself. */
function groupsOf(rr: RankedJudgments): RankedJudgments[] {
  return rr.groups ?? [rr];
}

/** map_avgjg: average precision averaged over the judgment groups. */
export const mapAvgJg: MeasureDef = {
  name: 'map_avgjg',
  kind: 'mean',
  params: 'none',
  defaults: [],
  groups: true,
  valueNames: singleName('map_avgjg'),
  compute: (rr, _p, _c, out, offset) => {
    const groups = groupsOf(rr);
    let total = 0;
    for (const g of groups) {
      let relSoFar = 0;
      let sum = 0;
      for (let i = 0; i < g.numRet; i++) {
        if ((g.rels[i] as number) >= g.level) {
          relSoFar++;
          sum += relSoFar / (i + 1);
        }
      }
      if (relSoFar > 0) total += sum / g.numRel;
    }
    out[offset] = groups.length > 1 ? total / groups.length : total;
  },
};

/** P_avgjg.k: precision at cutoffs averaged over the judgment groups. */
export const precisionAvgJg: MeasureDef = {
  name: 'P_avgjg',
  kind: 'mean',
  params: 'long-cutoffs',
  defaults: [5, 10, 15, 20, 30, 100, 200, 500, 1000],
  groups: true,
  valueNames: longCutoffNames('P_avgjg'),
  compute: (rr, params, _c, out, offset) => {
    const groups = groupsOf(rr);
    const cutoffs = params.values;
    for (let c = 0; c < cutoffs.length; c++) out[offset + c] = 0;
    for (const g of groups) {
      let c = 0;
      let relSoFar = 0;
      for (let i = 0; i < g.numRet; i++) {
        if (i === cutoffs[c]) {
          out[offset + c] = (out[offset + c] as number) + relSoFar / i;
          if (++c === cutoffs.length) break;
        }
        if ((g.rels[i] as number) >= g.level) relSoFar++;
      }
      for (; c < cutoffs.length; c++)
        out[offset + c] = (out[offset + c] as number) + relSoFar / (cutoffs[c] as number);
    }
    if (groups.length > 1)
      for (let c = 0; c < cutoffs.length; c++) out[offset + c] = (out[offset + c] as number) / groups.length;
  },
};

/** Rprec_mult_avgjg: precision at multiples of R, averaged over the judgment groups. */
export const rprecMultAvgJg: MeasureDef = {
  name: 'Rprec_mult_avgjg',
  kind: 'mean',
  params: 'double-cutoffs',
  defaults: [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0],
  groups: true,
  valueNames: doubleCutoffNames('Rprec_mult_avgjg'),
  compute: (rr, params, _c, out, offset) => {
    const groups = groupsOf(rr);
    const n = params.values.length;
    for (let c = 0; c < n; c++) out[offset + c] = 0;
    for (const g of groups) {
      const cutoffs = params.values.map((f) => Math.trunc(f * g.numRel + 0.9));
      let cut = n - 1;
      while (cut >= 0 && (cutoffs[cut] as number) > g.numRet) {
        out[offset + cut] = (out[offset + cut] as number) + g.numRelRet / (cutoffs[cut] as number);
        cut--;
      }
      let relSoFar = g.numRelRet;
      for (let i = g.numRet; i > 0 && relSoFar > 0; i--) {
        const precis = relSoFar / i;
        while (cut >= 0 && i === cutoffs[cut]) {
          out[offset + cut] = (out[offset + cut] as number) + precis;
          cut--;
        }
        if ((g.rels[i - 1] as number) >= g.level) relSoFar--;
      }
    }
    if (groups.length > 1)
      for (let c = 0; c < n; c++) out[offset + c] = (out[offset + c] as number) / groups.length;
  },
};
