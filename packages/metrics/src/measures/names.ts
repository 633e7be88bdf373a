import { formatFixed } from '../format/c-format.js';
import type { MeasureParams } from './measure.js';

/** One value named like the measure, with `_params` appended when parameters were given (append_string). */
export function singleName(name: string): (params: MeasureParams) => string[] {
  return (params) => [params.printable === undefined ? name : `${name}_${params.printable}`];
}

/** One value per integer cutoff: `P_5`, `P_10`, ... (append_long). */
export function longCutoffNames(name: string): (params: MeasureParams) => string[] {
  return (params) => params.values.map((v) => `${name}_${v}`);
}

/** One value per fractional cutoff: `iprec_at_recall_0.10`, ... (append_double, `%3.2f`). */
export function doubleCutoffNames(name: string): (params: MeasureParams) => string[] {
  return (params) => params.values.map((v) => `${name}_${formatFixed(v, 2).padStart(3, ' ')}`);
}
