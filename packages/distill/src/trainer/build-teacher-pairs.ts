import type { LongTaskOptions, Qrels, Query, Retriever } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';

/** One teacher-scored pair (the shape of `@retrievekit/sampler`'s `TeacherPairRecord`). */
export interface TeacherPairRow {
  readonly queryId: string;
  readonly positiveId: string;
  readonly negativeId: string;
  readonly positiveScore: number;
  readonly negativeScore: number;
}

/** Options of {@link buildTeacherPairs}. */
export interface BuildTeacherPairsOptions extends LongTaskOptions {
  /** Query texts; every query of `qrels` with a relevant passage must be here (else `NOT_FOUND`). */
  readonly queries: readonly Query[];
  /** Judgments of the training split: positives are passages of grade >= `minRelevance`. */
  readonly qrels: Qrels;
  /** The first-stage retriever whose scores become the teacher scores (e.g. a BM25 index). */
  readonly retriever: Retriever;
  /** How deep to retrieve per query; positives must appear within this depth to get a score. Default 100. */
  readonly depth?: number;
  /** Hard negatives per query: the best-ranked passages not judged relevant. Default 8. */
  readonly negativesPerQuery?: number;
  /** Lowest grade counted as relevant. Default 1. */
  readonly minRelevance?: number;
  /** Queries per retriever call. Default 64. */
  readonly batchSize?: number;
}

/** A positive that the retriever did not return within `depth` (so it has no teacher score). */
export interface UnscoredPositive {
  readonly queryId: string;
  readonly passageId: string;
}

/** Result of {@link buildTeacherPairs}. */
export interface TeacherPairsBuild {
  /** Every (scored positive) x (negative) combination, grouped by query in qrels order. */
  readonly pairs: TeacherPairRow[];
  /** Queries of the qrels with at least one relevant passage. */
  readonly queriesJudged: number;
  /** Queries that produced at least one pair. */
  readonly queriesWithPairs: number;
  /** Positives left out because the retriever did not rank them within `depth` (listed, never silent). */
  readonly unscoredPositives: readonly UnscoredPositive[];
}

function positiveInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be a positive integer, got ${value}`, {
      where: { field },
    });
  }
  return value;
}

/**
 * Builds a pairwise teacher from a first-stage retriever and qrels, for when no cross-encoder scores
 * are at hand: for each judged query, the positives are its relevant passages and the negatives the
 * `negativesPerQuery` best-ranked retrieved passages that are not judged relevant; the teacher score of
 * a pair member is the retriever's score. A positive outside the top `depth` has no score: it is left
 * out and reported in `unscoredPositives`. Write the result with {@link writeTeacherPairsTsv}.
 *
 * @example
 * ```ts
 * const { pairs, unscoredPositives } = await buildTeacherPairs({
 *   queries, qrels: await dataset.qrels('train'), retriever: bm25Index, depth: 100, negativesPerQuery: 8,
 * });
 * await writeTeacherPairsTsv('teacher.tsv', pairs);
 * ```
 */
export async function buildTeacherPairs(options: BuildTeacherPairsOptions): Promise<TeacherPairsBuild> {
  const depth = positiveInteger(options.depth ?? 100, 'depth');
  const negativesPerQuery = positiveInteger(options.negativesPerQuery ?? 8, 'negativesPerQuery');
  const batchSize = positiveInteger(options.batchSize ?? 64, 'batchSize');
  const minRelevance = options.minRelevance ?? 1;
  const texts = new Map(options.queries.map((q) => [q.id, q]));
  const judged: Query[] = [];
  for (const [queryId, judgments] of options.qrels) {
    if (![...judgments.values()].some((grade) => grade >= minRelevance)) continue;
    const query = texts.get(queryId);
    if (query === undefined) {
      throw new RetrievekitError('NOT_FOUND', `judged query ${queryId} has no text`, {
        where: { field: 'queries' },
        hint: 'pass every query of the qrels (BEIR keeps all splits in queries.jsonl)',
      });
    }
    judged.push(query);
  }
  const pairs: TeacherPairRow[] = [];
  const unscoredPositives: UnscoredPositive[] = [];
  let queriesWithPairs = 0;
  for (let start = 0; start < judged.length; start += batchSize) {
    throwIfAborted(options.signal, 'building teacher pairs');
    const chunk = judged.slice(start, start + batchSize);
    const lists = await options.retriever.retrieve(chunk, {
      k: depth,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    chunk.forEach((query, c) => {
      const list = lists[c];
      const judgments = options.qrels.get(query.id);
      if (list === undefined || judgments === undefined) return;
      const scoreOf = new Map<string, number>();
      const negatives: number[] = [];
      for (let r = 0; r < list.ids.length; r++) {
        const id = list.ids[r] as string;
        scoreOf.set(id, list.scores[r] as number);
        const grade = judgments.get(id);
        if (negatives.length < negativesPerQuery && (grade === undefined || grade < minRelevance))
          negatives.push(r);
      }
      const before = pairs.length;
      for (const [passageId, grade] of judgments) {
        if (grade < minRelevance) continue;
        const positiveScore = scoreOf.get(passageId);
        if (positiveScore === undefined) {
          unscoredPositives.push({ queryId: query.id, passageId });
          continue;
        }
        for (const r of negatives) {
          pairs.push({
            queryId: query.id,
            positiveId: passageId,
            negativeId: list.ids[r] as string,
            positiveScore,
            negativeScore: list.scores[r] as number,
          });
        }
      }
      if (pairs.length > before) queriesWithPairs++;
    });
    options.onProgress?.({
      done: Math.min(start + batchSize, judged.length),
      total: judged.length,
      unit: 'queries',
    });
  }
  return { pairs, queriesJudged: judged.length, queriesWithPairs, unscoredPositives };
}
