import { RetrievekitError } from '@retrievekit/core';
import type { Correction } from '../stats/correction.js';

/** Parsed `retrievekit eval` arguments (trec_eval syntax plus retrievekit extensions). */
export interface EvalArgs {
  qrels: string;
  run: string;
  measures: string[];
  perQuery: boolean;
  complete: boolean;
  noSummary: boolean;
  relevanceLevel: number;
  depth: number | undefined;
  numDocsInCollection: number;
  judgedOnly: boolean;
  zscoreFile: string | undefined;
  relFormat: string;
  resultsFormat: string;
  preset: string | undefined;
  compare: string[];
  json: boolean;
  strict: boolean;
  compat: '10' | '9.0.8';
  test: 't-test' | 'randomization';
  permutations: number;
  seed: number;
  correction: Correction;
  alpha: number;
  help: boolean;
}

const WITH_VALUE: Record<string, string> = {
  m: 'measure',
  l: 'level_for_rel',
  D: 'Debug_level',
  N: 'Number_docs_in_coll',
  M: 'Max_retrieved_per_topic',
  R: 'Rel_info_format',
  T: 'Results_format',
  Z: 'Zscore',
};
const FLAGS: Record<string, string> = {
  h: 'help',
  q: 'query_eval_wanted',
  c: 'complete_rel_info_wanted',
  n: 'nosummary',
  J: 'Judged_docs_only',
};
const LONG_WITH_VALUE = new Set([
  ...Object.values(WITH_VALUE),
  'preset',
  'compat',
  'test',
  'permutations',
  'seed',
  'correction',
  'alpha',
]);
const LONG_FLAGS = new Set([...Object.values(FLAGS), 'json', 'strict', 'compare']);

function usage(detail: string, field?: string): RetrievekitError {
  return new RetrievekitError('INVALID_ARGUMENT', detail, {
    where: field === undefined ? {} : { field },
    hint: 'run "retrievekit eval --help" for the syntax',
  });
}

function integer(value: string, option: string, min = Number.NEGATIVE_INFINITY): number {
  if (!/^[+-]?\d+$/.test(value)) throw usage(`${option} expects an integer, got "${value}"`, option);
  const n = Number.parseInt(value, 10);
  if (n < min) throw usage(`${option} must be >= ${min}, got ${n}`, option);
  return n;
}

function apply(args: EvalArgs, name: string, value: string): void {
  switch (name) {
    case 'measure':
      args.measures.push(value);
      break;
    case 'level_for_rel':
      args.relevanceLevel = integer(value, '-l');
      break;
    case 'Max_retrieved_per_topic':
      args.depth = integer(value, '-M', 1);
      break;
    case 'Number_docs_in_coll':
      args.numDocsInCollection = integer(value, '-N', 0);
      break;
    case 'Zscore':
      args.zscoreFile = value;
      break;
    case 'Rel_info_format':
      args.relFormat = value;
      break;
    case 'Results_format':
      args.resultsFormat = value;
      break;
    case 'Debug_level':
      break;
    case 'preset':
      args.preset = value;
      break;
    case 'compat':
      if (value !== '9.0.8' && value !== '10')
        throw usage(`--compat accepts 9.0.8 or 10, got "${value}"`, '--compat');
      args.compat = value;
      break;
    case 'test':
      if (value !== 't-test' && value !== 'randomization') {
        throw usage(`--test accepts t-test or randomization, got "${value}"`, '--test');
      }
      args.test = value;
      break;
    case 'permutations':
      args.permutations = integer(value, '--permutations', 1);
      break;
    case 'seed':
      args.seed = integer(value, '--seed');
      break;
    case 'correction':
      if (value !== 'holm' && value !== 'bonferroni' && value !== 'none') {
        throw usage(`--correction accepts holm, bonferroni or none, got "${value}"`, '--correction');
      }
      args.correction = value;
      break;
    case 'alpha': {
      const a = Number(value);
      if (!(a > 0 && a < 1)) throw usage(`--alpha must be in (0, 1), got "${value}"`, '--alpha');
      args.alpha = a;
      break;
    }
    case 'help':
      args.help = true;
      break;
    case 'query_eval_wanted':
      args.perQuery = true;
      break;
    case 'complete_rel_info_wanted':
      args.complete = true;
      break;
    case 'nosummary':
      args.noSummary = true;
      break;
    case 'json':
      args.json = true;
      break;
    case 'strict':
      args.strict = true;
      break;
    case 'Judged_docs_only':
      args.judgedOnly = true;
      break;
    default:
      throw usage(`unknown option --${name}`, `--${name}`);
  }
}

/**
 * Parses `eval` arguments with trec_eval's syntax (getopt: `-q`, `-c`, `-l2` / `-l 2`, `-M100` / `-M 100`,
 * `-m P.5,10` / `-mndcg_cut.10`, grouped flags like `-qc`, options anywhere) plus `--preset NAME`,
 * `--compare RUN...`, `--json`, `--strict`, `--compat 9.0.8`, `--test`, `--permutations`, `--seed`,
 * `--correction`, `--alpha`. Throws `INVALID_ARGUMENT` on a usage error.
 */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const args: EvalArgs = {
    qrels: '',
    run: '',
    measures: [],
    perQuery: false,
    complete: false,
    noSummary: false,
    relevanceLevel: 1,
    depth: undefined,
    numDocsInCollection: 0,
    judgedOnly: false,
    zscoreFile: undefined,
    relFormat: 'qrels',
    resultsFormat: 'trec_results',
    preset: undefined,
    compare: [],
    json: false,
    strict: false,
    compat: '10',
    test: 't-test',
    permutations: 10_000,
    seed: 42,
    correction: 'holm',
    alpha: 0.05,
    help: false,
  };
  const positional: string[] = [];
  let inCompare = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      inCompare = false;
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (name === 'compare') {
        inCompare = true;
        if (eq >= 0) args.compare.push(arg.slice(eq + 1));
        continue;
      }
      if (LONG_WITH_VALUE.has(name)) {
        const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined) throw usage(`option --${name} needs a value`, `--${name}`);
        apply(args, name, value);
      } else if (LONG_FLAGS.has(name)) apply(args, name, '');
      else throw usage(`unknown option ${arg}`, arg);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      inCompare = false;
      for (let j = 1; j < arg.length; j++) {
        const ch = arg[j] as string;
        const long = WITH_VALUE[ch];
        if (long !== undefined) {
          const rest = arg.slice(j + 1);
          const value = rest !== '' ? rest : argv[++i];
          if (value === undefined) throw usage(`option -${ch} needs a value`, `-${ch}`);
          apply(args, long, value);
          break;
        }
        const flag = FLAGS[ch];
        if (flag === undefined) throw usage(`unknown option -${ch}`, `-${ch}`);
        apply(args, flag, '');
      }
      continue;
    }
    if (inCompare) args.compare.push(arg);
    else positional.push(arg);
  }
  if (args.help) return args;
  if (positional.length !== 2) {
    throw usage(
      `expected QRELS and RUN, got ${positional.length} file argument${positional.length === 1 ? '' : 's'}`,
    );
  }
  [args.qrels, args.run] = positional as [string, string];
  return args;
}
