import { gainsByRank, IdealGains, setupGains } from './gains.js';
import type { MeasureDef } from './measure.js';
import { singleName } from './names.js';

function gainMeasure(name: string, compute: MeasureDef['compute']): MeasureDef {
  return { name, kind: 'mean', params: 'pairs', defaults: [], valueNames: singleName(name), compute };
}

/** ndcg: nDCG over the whole ranking, gains = grades unless overridden with `grade=gain` pairs. */
export const ndcg = gainMeasure('ndcg', (rr, params, _ctx, out, offset) => {
  const gains = setupGains(rr, params.pairs);
  const byRank = gainsByRank(rr.rels, gains);
  const ideal = new IdealGains(gains);
  let dcg = 0;
  let idcg = 0;
  let i = 0;
  for (; i < rr.numRet && ideal.gain > 0; i++) {
    const g = byRank[i] as number;
    if (g !== 0) dcg += g / Math.log2(i + 2);
    const ig = ideal.next();
    if (ig > 0) idcg += ig / Math.log2(i + 2);
  }
  for (; i < rr.numRet; i++) {
    const g = byRank[i] as number;
    if (g !== 0) dcg += g / Math.log2(i + 2);
  }
  while (ideal.gain > 0) {
    const ig = ideal.next();
    if (ig > 0) idcg += ig / Math.log2(i + 2);
    i++;
  }
  out[offset] = idcg > 0 ? dcg / idcg : 0;
});

/** ndcg_rel: nDCG averaged over the relevant documents. */
export const ndcgRel = gainMeasure('ndcg_rel', (rr, params, _ctx, out, offset) => {
  const gains = setupGains(rr, params.pairs);
  const byRank = gainsByRank(rr.rels, gains);
  const ideal = new IdealGains(gains);
  let dcg = 0;
  let idcg = 0;
  let sum = 0;
  let numRelRet = 0;
  let numRel = 0;
  let i = 0;
  for (; i < rr.numRet && ideal.gain > 0; i++) {
    const g = byRank[i] as number;
    if (g !== 0) dcg += g / Math.log2(i + 2);
    const ig = ideal.next();
    if (ig > 0) {
      numRel++;
      idcg += ig / Math.log2(i + 2);
    }
    if (g > 0) {
      sum += dcg / idcg;
      numRelRet++;
    }
  }
  for (; i < rr.numRet; i++) {
    const g = byRank[i] as number;
    if (g !== 0) dcg += g / Math.log2(i + 2);
    if (g > 0) {
      sum += dcg / idcg;
      numRelRet++;
    }
  }
  while (ideal.gain > 0) {
    const ig = ideal.next();
    if (ig > 0) {
      numRel++;
      idcg += ig / Math.log2(i + 2);
    }
    i++;
  }
  sum += ((numRel - numRelRet) * dcg) / idcg;
  out[offset] = sum > 0 ? sum / numRel : 0;
});

/** Rndcg: nDCG averaged at the R-level boundaries of the ideal ranking. */
export const rndcg = gainMeasure('Rndcg', (rr, params, _ctx, out, offset) => {
  const gains = setupGains(rr, params.pairs);
  const byRank = gainsByRank(rr.rels, gains);
  if (rr.numRel === 0) {
    out[offset] = 0;
    return;
  }
  const ideal = new IdealGains(gains);
  let oldGain = ideal.gain;
  let dcg = 0;
  let idcg = 0;
  let sum = 0;
  let changes = 0;
  let i = 0;
  for (; i < rr.numRet && ideal.gain > 0; i++) {
    const g = byRank[i] as number;
    const ig = ideal.next();
    if (oldGain !== ig) {
      if (idcg > 0) {
        sum += dcg / idcg;
        changes++;
      }
      oldGain = ig;
    }
    if (g !== 0) dcg += g / Math.log2(i + 2);
    if (ig > 0) idcg += ig / Math.log2(i + 2);
  }
  if (i < rr.numRet) {
    for (; i < rr.numRet; i++) {
      const g = byRank[i] as number;
      if (g !== 0) dcg += g / Math.log2(i + 2);
    }
    if (idcg > 0) {
      sum += dcg / idcg;
      changes++;
    }
  }
  while (ideal.gain > 0) {
    const ig = ideal.next();
    if (oldGain !== ig) {
      if (idcg > 0) {
        sum += dcg / idcg;
        changes++;
      }
      oldGain = ig;
    }
    if (ig > 0) idcg += ig / Math.log2(i + 2);
    i++;
  }
  out[offset] = sum / changes;
});

/** G: normalised gain combining MAP and nDCG qualities (experimental trec_eval measure). */
export const gMeasure = gainMeasure('G', (rr, params, _ctx, out, offset) => {
  const gains = setupGains(rr, params.pairs);
  const byRank = gainsByRank(rr.rels, gains);
  const ideal = new IdealGains(gains);
  const minCost = 1;
  let resultsG = 0;
  let sumResults = 0;
  let sumIdeal = 0;
  let sumCost = 0;
  let i = 0;
  for (; i < rr.numRet && ideal.gain > 0; i++) {
    const g = byRank[i] as number;
    sumResults += g;
    const ig = ideal.next();
    if (ig > 0) sumIdeal += ig;
    sumCost += Math.max(ig, minCost);
    if (g !== 0) resultsG += g / Math.log2(2 + sumCost - sumResults);
  }
  for (; i < rr.numRet; i++) {
    const g = byRank[i] as number;
    sumResults += g;
    sumCost += minCost;
    if (g !== 0) resultsG += g / Math.log2(2 + sumCost - sumResults);
  }
  while (ideal.gain > 0) {
    const ig = ideal.next();
    if (ig > 0) sumIdeal += ig;
  }
  out[offset] = sumIdeal > 0 ? resultsG / sumIdeal : 0;
});

/** binG: binary-gain G, 1/log2(2 + nonrelevant retrieved before) averaged over relevant documents. */
export const binG: MeasureDef = {
  name: 'binG',
  kind: 'mean',
  params: 'none',
  defaults: [],
  valueNames: singleName('binG'),
  compute: (rr, _params, _ctx, out, offset) => {
    let relSoFar = 0;
    let sum = 0;
    for (let i = 0; i < rr.numRet; i++) {
      if ((rr.rels[i] as number) >= rr.level) {
        relSoFar++;
        sum += 1 / Math.log2(3 + i - relSoFar);
      }
    }
    out[offset] = relSoFar > 0 ? sum / rr.numRel : 0;
  },
};

/** rbp: rank-biased precision with persistence `p` (default 0.9), gains scaled into [0, 1]. */
export const rbp = gainMeasure('rbp', (rr, params, _ctx, out, offset) => {
  let p = 0.9;
  for (const pair of params.pairs) if (pair.name === 'p') p = pair.value;
  const gains = setupGains(rr, params.pairs);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const g of gains) {
    if (g.gain < min) min = g.gain;
    if (g.gain > max) max = g.gain;
  }
  if (min < 0 || max > 1) for (const g of gains) g.gain = (g.gain - min) / (max - min);
  const scaled = gainsByRank(rr.rels, gains);
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < rr.numRet; i++) {
    const g = scaled[i] as number;
    if (g !== 0) sum += g * weight;
    weight *= p;
  }
  out[offset] = (1 - p) * sum;
});

/** rbp_resid: the RBP residual (weight of unjudged documents and of the tail), p = 0.9. */
export const rbpResid: MeasureDef = {
  name: 'rbp_resid',
  kind: 'mean',
  params: 'none',
  defaults: [],
  valueNames: singleName('rbp_resid'),
  compute: (rr, _params, _ctx, out, offset) => {
    const p = 0.9;
    let unjudged = 0;
    let sum = 0;
    let weight = 1;
    for (let i = 0; i < rr.numRet; i++) {
      if ((rr.rels[i] as number) < 0) {
        unjudged++;
        sum += weight;
      }
      weight *= p;
    }
    out[offset] = unjudged > 0 ? weight + (1 - p) * sum : 0;
  },
};
