import { RetrievekitError } from '@retrievekit/core';
import { latin1, parseDecimal, splitFields } from './fields.js';
import { forEachLine, type InputSource, sourceName } from './line-reader.js';

/** Mean and standard deviation of one measure on one query, from a reference set of runs. */
export interface ZScoreStats {
  mean: number;
  stddev: number;
}

/** Z-score reference statistics (trec_eval `-Z` file): query id -> value name -> stats. */
export type ZScores = ReadonlyMap<string, ReadonlyMap<string, ZScoreStats>>;

const HINT = 'each line of a z-score file is "qid measure mean stddev"';

/** Reads a trec_eval `-Z` file (`qid measure mean stddev` per line). Errors name file:line. */
export async function readZScores(source: InputSource, options: { name?: string } = {}): Promise<ZScores> {
  const file = sourceName(source, options.name);
  const out = new Map<string, Map<string, ZScoreStats>>();
  const bounds = new Int32Array(8);
  await forEachLine(
    source,
    (bytes, start, end, line) => {
      const n = splitFields(bytes, start, end, bounds);
      if (n === 0) return;
      if (n !== 4) {
        throw new RetrievekitError('PARSE_ERROR', `expected 4 columns, found ${n}`, {
          where: { file, line },
          hint: HINT,
        });
      }
      const mean = parseDecimal(bytes, bounds[4] as number, bounds[5] as number);
      const stddev = parseDecimal(bytes, bounds[6] as number, bounds[7] as number);
      if (Number.isNaN(mean) || Number.isNaN(stddev)) {
        throw new RetrievekitError('PARSE_ERROR', 'mean and stddev must be numbers', {
          where: { file, line },
          hint: HINT,
        });
      }
      const qid = latin1(bytes, bounds[0] as number, bounds[1] as number);
      let q = out.get(qid);
      if (q === undefined) {
        q = new Map();
        out.set(qid, q);
      }
      q.set(latin1(bytes, bounds[2] as number, bounds[3] as number), { mean, stddev });
    },
    { name: file },
  );
  return out;
}

/** Value trec_eval prints when a query or measure has no reference statistics. */
export const MISSING_ZSCORE_VALUE = -1000000;

/** Converts one query's values to z-scores in place (trec_eval `te_convert_to_zscore`). */
export function convertToZScores(
  zscores: ZScores,
  qid: string,
  names: readonly string[],
  values: Float64Array,
): void {
  const q = zscores.get(qid);
  for (let c = 0; c < names.length; c++) {
    const stats = q?.get(names[c] as string);
    const v = values[c] as number;
    if (stats === undefined) values[c] = MISSING_ZSCORE_VALUE;
    else if (stats.stddev !== 0) values[c] = (v - stats.mean) / stats.stddev;
    else values[c] = v === stats.mean ? 0 : MISSING_ZSCORE_VALUE;
  }
}
