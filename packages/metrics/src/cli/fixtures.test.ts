import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from './eval-args.js';
import { sharedDataDir } from './fixture-paths.js';
import { runEval } from './run-eval.js';

// Byte-for-byte parity with trec_eval: every expected output in ../shared, produced through the CLI's
// code path (argument parsing + runEval) with the command line documented in the fixtures' SOURCE.md.

const data = sharedDataDir();
const tests = join(data, 'trec_eval-tests');
const refs = join(data, 'reference-runs');

async function runCli(argv: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const args = parseEvalArgs(argv);
  args.qrels = join(cwd, args.qrels);
  args.run = join(cwd, args.run);
  if (args.zscoreFile !== undefined) args.zscoreFile = join(cwd, args.zscoreFile);
  await runEval(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { stdout, stderr };
}

/** Rows of SOURCE.md's table: expected file and its trec_eval arguments. */
function documentedInvocations(): { file: string; argv: string[] }[] {
  const rows: { file: string; argv: string[] }[] = [];
  for (const line of readFileSync(join(tests, 'SOURCE.md'), 'utf8').split('\n')) {
    const m = /^\| (out\.test\S*) \| `([^`]+)`/.exec(line);
    if (m) rows.push({ file: m[1] as string, argv: (m[2] as string).split(/\s+/) });
  }
  return rows;
}

describe('trec_eval test suite (../shared/data/trec_eval-tests)', () => {
  const rows = documentedInvocations();
  it('finds the documented invocations', () => {
    expect(rows.length).toBe(11);
  });
  for (const { file, argv } of rows) {
    it(`${file}: trec_eval ${argv.join(' ')}`, async () => {
      const { stdout } = await runCli(argv, tests);
      expect(stdout).toBe(readFileSync(join(tests, file), 'utf8'));
    });
  }
});

const SCIFACT_QRELS = '../anserini-topics-qrels/qrels/qrels.beir-v1.0.0-scifact.test.txt';
const CRANFIELD_QRELS = '../cranfield/qrels.trec.txt';

// From reference-runs/SOURCE.md (QRELS per collection as stated there).
const REFERENCE_RUNS: [string, string[]][] = [
  ['scifact.test.bm25.trec_eval.all_trec.txt', ['-m', 'all_trec', SCIFACT_QRELS, 'scifact.test.bm25.run']],
  [
    'scifact.test.bm25.trec_eval.all_trec.q.txt',
    ['-q', '-m', 'all_trec', SCIFACT_QRELS, 'scifact.test.bm25.run'],
  ],
  [
    'scifact.test.bm25.trec_eval.core.qc.txt',
    [
      '-q',
      '-c',
      '-m',
      'ndcg_cut.10',
      '-m',
      'recip_rank',
      '-m',
      'recall.100',
      '-m',
      'map',
      SCIFACT_QRELS,
      'scifact.test.bm25.run',
    ],
  ],
  [
    'scifact.test.bm25.trec_eval.M10.q.txt',
    [
      '-q',
      '-M',
      '10',
      '-m',
      'recip_rank',
      '-m',
      'P.10',
      '-m',
      'ndcg_cut.10',
      SCIFACT_QRELS,
      'scifact.test.bm25.run',
    ],
  ],
  ['cranfield.bm25.trec_eval.all_trec.txt', ['-m', 'all_trec', CRANFIELD_QRELS, 'cranfield.bm25.run']],
  [
    'cranfield.bm25.trec_eval.all_trec.q.txt',
    ['-q', '-m', 'all_trec', CRANFIELD_QRELS, 'cranfield.bm25.run'],
  ],
  [
    'cranfield.bm25.trec_eval.all_trec.q.l2.txt',
    ['-q', '-l', '2', '-m', 'all_trec', CRANFIELD_QRELS, 'cranfield.bm25.run'],
  ],
];

describe('reference runs (../shared/data/reference-runs)', () => {
  for (const [file, argv] of REFERENCE_RUNS) {
    it(`${file}: trec_eval ${argv.join(' ')}`, async () => {
      const { stdout } = await runCli(argv, refs);
      expect(stdout).toBe(readFileSync(join(refs, file), 'utf8'));
    });
  }
});
