import type { RankedJudgments } from '../eval/ranked-judgments.js';
import type { ParamPair } from './measure.js';

/** One grade with its gain and its number of judged documents (trec_eval REL_GAIN). */
export interface GradeGain {
  grade: number;
  gain: number;
  count: number;
}

/**
 * trec_eval's `setup_gains`: gains given as `grade=gain` pairs (non-integer names such as rbp's `p` are
 * skipped), every other judged grade g gets gain g; sorted by increasing gain (C's truncating comparison,
 * stable order for gains within 1 of each other).
 */
export function setupGains(rr: RankedJudgments, pairs: ParamPair[]): GradeGain[] {
  const gains: GradeGain[] = [];
  for (const pair of pairs) {
    if (!/^[+-]?\d+$/.test(pair.name)) continue;
    gains.push({ grade: Number.parseInt(pair.name, 10), gain: pair.value, count: 0 });
  }
  for (let g = 0; g < rr.numRelLevels; g++) {
    const given = gains.find((x) => x.grade === g);
    const count = rr.relLevels[g] as number;
    if (given !== undefined) given.count = count;
    else gains.push({ grade: g, gain: g, count });
  }
  gains.sort((a, b) => Math.trunc(a.gain - b.gain));
  return gains;
}

/** Gain of a grade (0 for grades without one, e.g. unjudged documents). */
export function gainOf(grade: number, gains: GradeGain[]): number {
  for (const g of gains) if (g.grade === grade) return g.gain;
  return 0;
}

/**
 * The gain of each ranked document (`gainOf` applied to every rank, with a table lookup per grade so the
 * per-document cost is constant).
 */
export function gainsByRank(rels: Int32Array, gains: GradeGain[]): Float64Array {
  let maxGrade = 0;
  for (const g of gains) if (g.grade > maxGrade) maxGrade = g.grade;
  const table = new Float64Array(maxGrade + 3);
  for (let grade = -2; grade <= maxGrade; grade++) table[grade + 2] = gainOf(grade, gains);
  const out = new Float64Array(rels.length);
  for (let i = 0; i < rels.length; i++) {
    const r = rels[i] as number;
    out[i] = r >= -2 && r <= maxGrade ? (table[r + 2] as number) : gainOf(r, gains);
  }
  return out;
}

/** Iterates the ideal ranking's gains (highest gain level first), as trec_eval's ndcg loops do. */
export class IdealGains {
  private level: number;
  private atLevel = 0;
  /** Gain of the current ideal position (0 once the positive levels are used up). */
  gain: number;

  constructor(private readonly gains: GradeGain[]) {
    this.level = gains.length - 1;
    this.gain = this.level >= 0 ? (gains[this.level] as GradeGain).gain : 0;
  }

  /** Advances to the next ideal position and returns its gain. */
  next(): number {
    this.atLevel++;
    while (this.level >= 0 && this.atLevel > (this.gains[this.level] as GradeGain).count) {
      this.atLevel = 1;
      this.level--;
      this.gain = this.level >= 0 ? (this.gains[this.level] as GradeGain).gain : 0;
    }
    return this.gain;
  }
}
