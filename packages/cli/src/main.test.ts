import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Command } from './command.js';
import { colorEnabled, main } from './main.js';

const data = resolve(dirname(fileURLToPath(import.meta.url)), '../../..', '../shared/data');
const tests = join(data, 'trec_eval-tests');

async function cli(argv: string[], commands?: readonly Command[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), color: false };
  const code = await main(argv, io, commands);
  return { code, stdout, stderr };
}

describe('retrievekit dispatcher', () => {
  it('lists commands on --help and exits 2 without a command', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/eval\s+evaluate a run/);
    expect((await cli([])).code).toBe(2);
  });
  it('reports an unknown command as a usage error', async () => {
    const r = await cli(['serch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: unknown command "serch"\n  hint: one of eval, download, convert, cluster, sample\n',
    );
  });
  it('dispatches to an added command', async () => {
    const hello: Command = {
      name: 'hello',
      summary: 'greet',
      help: 'hello',
      run: async (_a, io) => io.stdout('hi\n'),
    };
    expect((await cli(['hello'], [hello])).stdout).toBe('hi\n');
  });
  it('respects NO_COLOR and non-TTY output', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({}, false)).toBe(false);
  });
});

describe('retrievekit eval', () => {
  it('prints trec_eval output byte for byte (out.test.meas_params)', async () => {
    const r = await cli([
      'eval',
      '-q',
      '-miprec_at_recall..10,.20,.25,.75,.50',
      '-m',
      'P.5,7,3',
      '-m',
      'recall.20,2000',
      '-m',
      'Rprec_mult.5.0,0.2,0.35',
      '-mutility.2,-1,0,0',
      '-m',
      '11pt_avg..25,.5,.75',
      '-mndcg.1=3,2=9,4=4.5',
      '-mndcg_cut.10,20,23.4',
      '-msuccess.2,5,20',
      join(tests, 'qrels.test'),
      join(tests, 'results.test'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(tests, 'out.test.meas_params'), 'utf8'));
  });
  it('accepts grouped and attached flags (-qc -M100)', async () => {
    const r = await cli([
      'eval',
      '-qc',
      '-M100',
      '-m',
      'all_trec',
      join(tests, 'qrels.test'),
      join(tests, 'results.trunc'),
    ]);
    expect(r.stdout).toBe(readFileSync(join(tests, 'out.test.aqcM'), 'utf8'));
  });
  it('usage errors exit 2 with one line and a hint', async () => {
    const r = await cli(['eval', '-l', 'x', 'a', 'b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: retrievekit eval: field "-l": -l expects an integer, got "x"\n  hint: run "retrievekit eval --help" for the syntax\n',
    );
    expect((await cli(['eval', join(tests, 'qrels.test')])).code).toBe(2);
    expect((await cli(['eval', '--bogus', 'a', 'b'])).stderr).toMatch(/unknown option --bogus/);
  });
  it('data errors exit 1 naming the file', async () => {
    const r = await cli(['eval', join(tests, 'results.test'), join(tests, 'qrels.test')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /results\.test:1: expected 4 columns, found 6\n {2}hint: each TREC qrels line is/,
    );
  });
  it('--help shows examples, --json and --preset work', async () => {
    expect((await cli(['eval', '--help'])).stdout).toMatch(
      /Examples:\n {2}retrievekit eval qrels.test results.test/,
    );
    const json = JSON.parse(
      (await cli(['eval', '--json', '-m', 'map', join(tests, 'qrels.test'), join(tests, 'results.test')]))
        .stdout,
    );
    expect(json.summary.map).toBeCloseTo(0.1785, 4);
    const preset = await cli([
      'eval',
      '--preset',
      'beir',
      join(tests, 'qrels.test'),
      join(tests, 'results.test'),
    ]);
    expect(preset.stdout).toBe('nDCG@10               \tall\t0.3016\nR@100                 \tall\t0.4980\n');
  });
  it('warns about skipped queries on stderr, and --strict makes them an error', async () => {
    const args = ['-m', 'map', join(tests, 'qrels.test'), join(tests, 'results.trunc')];
    const lenient = await cli(['eval', ...args]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toBe(
      'retrievekit eval: warning: 1 judged query has no results in the run and was skipped (302); use -c to count them as 0 or --strict to fail\n',
    );
    const strict = await cli(['eval', '--strict', ...args]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(
      /^error: retrievekit eval: query 302 has judgments but no results in the run\n {2}hint: /,
    );
  });
  it('--compare prints a Markdown table with a legend', async () => {
    const r = await cli([
      'eval',
      '-m',
      'map',
      join(tests, 'qrels.test'),
      join(tests, 'results.test'),
      '--compare',
      join(tests, 'results.trunc'),
      '--test',
      'randomization',
      '--permutations',
      '500',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^\| Run \| map \|\n\|---\|---:\|\n\| .*results\.test \(baseline\) \| 0\.1785 \|/,
    );
    expect(r.stdout).toMatch(/paired randomization test, holm correction/);
  });
});
