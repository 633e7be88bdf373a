import type { Qrels, Run } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { evaluate, summaryOf } from '@retrievekit/metrics';

/** trec_eval `-c -m ndcg_cut.10`: nDCG@10 averaged over every judged query (BEIR's convention). */
export function ndcgAt10(qrels: Qrels, run: Run): number {
  const value = summaryOf(evaluate(qrels, run, { measures: ['ndcg_cut.10'], complete: true })).ndcg_cut_10;
  if (value === undefined)
    throw new RetrievekitError('RUNTIME', 'ndcg_cut_10 is missing from the evaluation');
  return value;
}
