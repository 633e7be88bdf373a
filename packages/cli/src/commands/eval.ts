import { parseEvalArgs, runEval } from '@retrievekit/metrics';
import type { Command } from '../command.js';

const HELP = `Usage: retrievekit eval [trec_eval options] QRELS RUN [--preset NAME] [--compare RUN...] [--json]

Evaluates RUN (TREC run: qid Q0 docno rank score tag) against QRELS (TREC qrels "qid iter docno rel" or
BEIR TSV "query-id corpus-id score"; plain or .gz) and prints exactly what trec_eval 10.0 prints.

trec_eval options:
  -q                 per-query values before the summary
  -m MEASURE[.PARAMS]  measure, parameterised measure or nickname (official, all_trec, set, qrels_jg,
                     all_prefs, prefs); repeatable
  -c                 average over all judged queries (missing ones score as empty rankings)
  -l N               lowest grade counted as relevant (binary measures; nDCG gains unaffected)
  -M N               evaluate only the top N documents of each query
  -N N               number of documents in the collection (utility)
  -n                 no summary
  -J                 drop unjudged documents before scoring (trec_eval: "DO NOT USE" unless you mean it)
  -Z FILE            print z-scores against FILE ("qid measure mean stddev")
  -R qrels_jg        qrels whose 2nd column is a judgment group (with -m qrels_jg)
  -R prefs           preference judgments "qid jg jsg docno rel_level" (with -m all_prefs)
  -R qrels_prefs     TREC qrels read as preferences, one judgment group per iter value (with -m all_prefs)
retrievekit options:
  --preset NAME      msmarco-dev (MRR@10, R@1k), trec-dl (nDCG@10, MAP, R@1k), beir (nDCG@10, R@100)
  --compare RUN...   compare RUN (baseline) with these runs: table with significance markers
  --test T           t-test (default) or randomization;  --permutations N (10000), --seed N (42)
  --correction C     holm (default), bonferroni or none; --alpha A (0.05)
  --json             JSON instead of text
  --strict           a judged query missing from the run is an error (trec_eval 10); default: skip + warning
  --compat 9.0.8     trec_eval 9.0.8's all_trec set and recall-cutoff rounding

Examples:
  retrievekit eval qrels.test results.test
  retrievekit eval -q -m all_trec qrels.test results.test
  retrievekit eval -c -M 10 -m recip_rank qrels.dev.tsv run.dev.txt      # MS MARCO MRR@10
  retrievekit eval -m P.5,10 -mndcg_cut.10,20 -l2 qrels.txt run.txt
  retrievekit eval -q -m all_prefs -R prefs prefs.txt run.txt
  retrievekit eval --preset beir qrels/test.tsv bm25.run
  retrievekit eval --preset beir qrels/test.tsv bm25.run --compare dense.run hybrid.run

Exit codes: 0 ok, 1 bad input or runtime error, 2 usage error.`;

/** `retrievekit eval`: trec_eval-compatible evaluation. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'evaluate a run against qrels exactly like trec_eval (presets, run comparison)',
  help: HELP,
  run: async (argv, io) => {
    const args = parseEvalArgs(argv);
    if (args.help) {
      io.stdout(`${HELP}\n`);
      return;
    }
    await runEval(args, io);
  },
};
