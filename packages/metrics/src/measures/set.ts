import type { MeasureDef } from './measure.js';
import { singleName } from './names.js';

function setMeasure(name: string, value: MeasureDef['compute']): MeasureDef {
  return { name, kind: 'mean', params: 'none', defaults: [], valueNames: singleName(name), compute: value };
}

/** utility: p1*relret + p2*nonrelret + p3*relnotret + p4*nonrelnotret (defaults 1,-1,0,0). */
export const utility: MeasureDef = {
  name: 'utility',
  kind: 'mean',
  params: 'double-params',
  defaults: [1, -1, 0, 0],
  valueNames: singleName('utility'),
  compute: (rr, params, ctx, out, offset) => {
    const [a = 0, b = 0, c = 0, d = 0] = params.values;
    out[offset] =
      a * rr.numRelRet +
      b * (rr.numRet - rr.numRelRet) +
      c * (rr.numRel - rr.numRelRet) +
      d * (ctx.numDocsInCollection + rr.numRelRet - rr.numRet - rr.numRel);
  },
};

/** set_P, set_relative_P, set_recall, set_map, set_F: measures of the retrieved set as a whole. */
export const setMeasures: MeasureDef[] = [
  setMeasure('set_P', (rr, _p, _c, out, o) => {
    out[o] = rr.numRet > 0 ? rr.numRelRet / rr.numRet : 0;
  }),
  setMeasure('set_relative_P', (rr, _p, _c, out, o) => {
    const denom = Math.min(rr.numRet, rr.numRel);
    out[o] = denom > 0 ? rr.numRelRet / denom : 0;
  }),
  setMeasure('set_recall', (rr, _p, _c, out, o) => {
    out[o] = rr.numRel > 0 ? rr.numRelRet / rr.numRel : 0;
  }),
  setMeasure('set_map', (rr, _p, _c, out, o) => {
    out[o] = rr.numRet > 0 && rr.numRel > 0 ? (rr.numRelRet * rr.numRelRet) / (rr.numRet * rr.numRel) : 0;
  }),
  {
    name: 'set_F',
    kind: 'mean',
    params: 'double-params',
    defaults: [1],
    valueNames: singleName('set_F'),
    compute: (rr, params, _c, out, o) => {
      if (rr.numRet > 0 && rr.numRel > 0 && rr.numRelRet > 0) {
        const p = rr.numRelRet / rr.numRet;
        const r = rr.numRelRet / rr.numRel;
        const x = params.values[0] ?? 1;
        out[o] = ((x + 1) * p * r) / (x * p + r);
      } else out[o] = 0;
    },
  },
];

/** relstring: the grades of the first N (default 10) retrieved documents as a string (per query only). */
export const relstring: MeasureDef = {
  name: 'relstring',
  kind: 'string',
  params: 'double-params',
  defaults: [10],
  valueNames: singleName('relstring'),
  compute: () => {},
  text: (rr, params) => {
    const len = Math.max(0, Math.min(Math.trunc(params.values[0] ?? 10), rr.numRet));
    let s = '';
    for (let i = 0; i < len; i++) {
      const r = rr.rels[i] as number;
      s += r > 9 ? '>' : r >= 0 ? String(r) : r === -1 ? '-' : r === -2 ? '.' : '<';
    }
    return s;
  },
};
