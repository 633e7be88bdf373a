import { describe, expect, it } from 'vitest';
import { runDemo } from './demo.js';

async function capture(shared?: string) {
  let stdout = '';
  let stderr = '';
  const code = await runDemo({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, shared);
  return { code, stdout, stderr };
}

describe('scifact demo', () => {
  it('prints the BEIR preset, MRR@10 and MAP of the BM25 reference run (trec_eval: 0.6611, 0.8852, 0.6304, 0.6239)', async () => {
    const { code, stdout, stderr } = await capture();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('| nDCG@10 | 0.6611 | -c -m ndcg_cut.10 |');
    expect(stdout).toContain('| R@100   | 0.8852 | -c -m recall.100 |');
    expect(stdout).toContain('| MRR@10  | 0.6304 | -c -M 10 -m recip_rank |');
    expect(stdout).toContain('| MAP     | 0.6239 | -c -m map |');
    expect(stdout).toMatch(/300 judged queries/);
  });
  it('says in one line that the shared data is missing and exits non-zero', async () => {
    const { code, stdout, stderr } = await capture('/nonexistent/shared/data');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/not found \(hint: the demo needs the shared data folder/);
  });
});
