import type { RankedJudgments } from '../eval/ranked-judgments.js';
import type { MeasureContext, MeasureDef } from './measure.js';
import { doubleCutoffNames, singleName } from './names.js';

const RECALL_POINTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/** Number of relevant documents a recall fraction stands for: trec_eval 10 rounds, 9.0.8 added 0.9 and truncated. */
function recallCount(fraction: number, numRel: number, ctx: MeasureContext): number {
  const x = fraction * numRel;
  if (ctx.compat === '9.0.8') return Math.trunc(x + 0.9);
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Interpolated precision at each recall fraction (the standard recall-precision curve). */
function interpolatedPrecisions(rr: RankedJudgments, fractions: number[], ctx: MeasureContext): Float64Array {
  const out = new Float64Array(fractions.length);
  const cutoffs = fractions.map((f) => recallCount(f, rr.numRel, ctx));
  let cut = cutoffs.length - 1;
  while (cut >= 0 && (cutoffs[cut] as number) > rr.numRelRet) cut--;
  let intPrecis = rr.numRet > 0 ? rr.numRelRet / rr.numRet : 0;
  let relSoFar = rr.numRelRet;
  for (let i = rr.numRet; i > 0 && relSoFar > 0; i--) {
    const precis = relSoFar / i;
    if (intPrecis < precis) intPrecis = precis;
    if ((rr.rels[i - 1] as number) >= rr.level) {
      while (cut >= 0 && relSoFar === cutoffs[cut]) {
        out[cut] = intPrecis;
        cut--;
      }
      relSoFar--;
    }
  }
  while (cut >= 0) {
    out[cut] = intPrecis;
    cut--;
  }
  return out;
}

/** iprec_at_recall: interpolated precision at recall cutoffs. */
export const iprecAtRecall: MeasureDef = {
  name: 'iprec_at_recall',
  kind: 'mean',
  params: 'double-cutoffs',
  defaults: RECALL_POINTS,
  valueNames: doubleCutoffNames('iprec_at_recall'),
  compute: (rr, params, ctx, out, offset) => {
    out.set(interpolatedPrecisions(rr, params.values, ctx), offset);
  },
};

/** 11pt_avg: mean interpolated precision over the given recall points. */
export const elevenPointAverage: MeasureDef = {
  name: '11pt_avg',
  kind: 'mean',
  params: 'double-params',
  defaults: RECALL_POINTS,
  valueNames: singleName('11pt_avg'),
  compute: (rr, params, ctx, out, offset) => {
    const values = interpolatedPrecisions(rr, params.values, ctx);
    let sum = 0;
    for (const v of values) sum += v;
    out[offset] = params.values.length > 0 ? sum / params.values.length : 0;
  },
};

/** Rprec_mult: precision at multiples of R (num_rel). */
export const rprecMult: MeasureDef = {
  name: 'Rprec_mult',
  kind: 'mean',
  params: 'double-cutoffs',
  defaults: [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0],
  valueNames: doubleCutoffNames('Rprec_mult'),
  compute: (rr, params, _ctx, out, offset) => {
    const cutoffs = params.values.map((f) => Math.trunc(f * rr.numRel + 0.9));
    let cut = cutoffs.length - 1;
    while (cut >= 0 && (cutoffs[cut] as number) > rr.numRet) {
      out[offset + cut] = rr.numRelRet / (cutoffs[cut] as number);
      cut--;
    }
    let relSoFar = rr.numRelRet;
    for (let i = rr.numRet; i > 0 && relSoFar > 0; i--) {
      const precis = relSoFar / i;
      while (cut >= 0 && i === cutoffs[cut]) {
        out[offset + cut] = precis;
        cut--;
      }
      if ((rr.rels[i - 1] as number) >= rr.level) relSoFar--;
    }
  },
};
