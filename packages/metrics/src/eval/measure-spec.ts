import { RetrievekitError } from '@retrievekit/core';
import type { MeasureDef, MeasureParams, ParamPair } from '../measures/measure.js';
import { ALL_TREC_9_0_8, findMeasure, MEASURES, NICKNAMES } from '../measures/registry.js';

/** A measure selected for evaluation, with its parameters and value names. */
export interface SelectedMeasure {
  def: MeasureDef;
  params: MeasureParams;
  names: string[];
}

function usage(detail: string): RetrievekitError {
  return new RetrievekitError('INVALID_ARGUMENT', detail, {
    where: { field: 'measures' },
    hint: 'measures are trec_eval names such as map, P.5,10, ndcg_cut.10 or nicknames official / all_trec',
  });
}

/** C `atol`/`str_to_long`: the leading integer of a string (0 when none). */
function leadingLong(text: string): number {
  const m = /^\s*[+-]?\d+/.exec(text);
  return m ? Number.parseInt(m[0], 10) : 0;
}

/** C `atof`: the leading decimal number of a string (0 when none). */
function leadingDouble(text: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text);
  return m ? Number.parseFloat(m[0]) : 0;
}

function parseParams(def: MeasureDef, text: string): MeasureParams {
  const parts = text.split(',');
  switch (def.params) {
    case 'long-cutoffs': {
      const values = parts.map(leadingLong).sort((a, b) => a - b);
      if ((values[0] ?? 0) <= 0) throw usage(`measure ${def.name}: cutoffs must be positive ("${text}")`);
      for (let i = 1; i < values.length; i++) {
        if (values[i] === values[i - 1]) throw usage(`measure ${def.name}: duplicate cutoffs ("${text}")`);
      }
      return { values, pairs: [], printable: text };
    }
    case 'double-cutoffs': {
      const values = parts.map(leadingDouble).sort((a, b) => a - b);
      for (let i = 1; i < values.length; i++) {
        if (values[i] === values[i - 1]) throw usage(`measure ${def.name}: duplicate cutoffs ("${text}")`);
      }
      return { values, pairs: [], printable: text };
    }
    case 'double-params':
      return { values: parts.map(leadingDouble), pairs: [], printable: text };
    case 'pairs': {
      const pairs: ParamPair[] = parts.map((p) => {
        const eq = p.indexOf('=');
        if (eq <= 0 || eq === p.length - 1)
          throw usage(`measure ${def.name}: malformed pair parameters "${text}"`);
        return { name: p.slice(0, eq), value: leadingDouble(p.slice(eq + 1)) };
      });
      return { values: [], pairs, printable: text };
    }
    default:
      throw usage(`measure ${def.name} takes no parameters ("${text}")`);
  }
}

/**
 * Resolves trec_eval `-m` arguments (`map`, `P.5,10`, `all_trec`, ...) into the measures to compute, in
 * trec_eval's order. Like trec_eval, the first parameter list given for a measure wins. With no argument
 * the `official` set is used.
 */
export function selectMeasures(args: readonly string[], compat: '10' | '9.0.8' = '10'): SelectedMeasure[] {
  const marked = new Set<string>();
  const paramText = new Map<string, string>();
  const list = args.length === 0 ? ['official'] : args;
  for (const arg of list) {
    const dot = arg.indexOf('.');
    const name = dot >= 0 ? arg.slice(0, dot) : arg;
    if (dot >= 0) {
      const params = arg.slice(dot + 1);
      if (params === '') throw usage(`improper measure in parameter '${name}'`);
      if (!paramText.has(name)) paramText.set(name, params);
    }
    const nick = name === 'all_trec' && compat === '9.0.8' ? ALL_TREC_9_0_8 : NICKNAMES[name];
    if (nick !== undefined) {
      for (const n of nick) marked.add(n);
      continue;
    }
    if (findMeasure(name) === undefined) throw usage(`illegal measure '${arg}'`);
    marked.add(name);
  }
  const selected: SelectedMeasure[] = [];
  for (const def of MEASURES) {
    if (!marked.has(def.name)) continue;
    const text = paramText.get(def.name);
    const params: MeasureParams =
      text === undefined
        ? { values: [...def.defaults], pairs: [], printable: undefined }
        : parseParams(def, text);
    selected.push({ def, params, names: def.valueNames(params) });
  }
  return selected;
}

/**
 * Checks that the selected measures can be computed from this kind of judgments: judgment-group qrels
 * (`-R qrels_jg`) allow only the `*_avgjg` measures, preference judgments (`-R prefs`, `-R qrels_prefs`)
 * only the `prefs_*` measures, plain qrels neither of the preference measures (runid and num_q go with all).
 */
export function checkMeasuresFitJudgments(
  measures: SelectedMeasure[],
  judgments: 'plain' | 'jg' | 'prefs',
): void {
  for (const m of measures) {
    const name = m.def.name;
    if (name === 'runid' || name === 'num_q') continue;
    if (judgments === 'jg' && !m.def.groups) {
      throw new RetrievekitError(
        'UNSUPPORTED',
        `measure ${name} cannot be computed from judgment-group qrels`,
        {
          where: { field: 'measures' },
          hint: 'with -R qrels_jg use -m qrels_jg (map_avgjg, P_avgjg, Rprec_mult_avgjg)',
        },
      );
    }
    if (judgments === 'prefs' && !m.def.prefs) {
      throw new RetrievekitError(
        'UNSUPPORTED',
        `measure ${name} cannot be computed from preference judgments`,
        {
          where: { field: 'measures' },
          hint: 'with -R prefs or -R qrels_prefs use -m all_prefs (or prefs_* measures)',
        },
      );
    }
    if (judgments !== 'prefs' && m.def.prefs) {
      throw new RetrievekitError('UNSUPPORTED', `measure ${name} needs preference judgments`, {
        where: { field: 'measures' },
        hint: 'read the judgments with -R prefs or -R qrels_prefs (readPrefsCompact)',
      });
    }
  }
}
