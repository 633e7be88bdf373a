import type { Judgment, Passage, Query } from '@retrievekit/core';
import { DuplicateIdGuard } from '../io/duplicate-ids.js';
import { parseIdTextLine } from '../io/id-text-tsv.js';
import { readLineBatches } from '../io/read-lines.js';
import type { Located, ReadOptions, TextSource } from '../io/text-source.js';
import { readTopics } from '../trec/read-topics.js';
import { readTrecJudgments } from '../trec/read-trec-judgments.js';

/** Options of {@link readMsMarcoCollection}. */
export interface ReadCollectionOptions extends ReadOptions {
  /**
   * Throw `DUPLICATE_ID` naming both lines when a pid repeats. Costs one map entry per passage (about
   * 0.5 GB for the 8.8M MS MARCO passages); default `true`.
   */
  checkDuplicates?: boolean;
}

const COLLECTION_HINT = 'each collection.tsv line is "pid<TAB>passage text"';

/** Streams MS MARCO `collection.tsv` (`pid<TAB>text`, plain or gzip) as passages with their file:line. */
export async function* readMsMarcoCollection(
  source: TextSource,
  options: ReadCollectionOptions = {},
): AsyncGenerator<Located<Passage>> {
  const guard = options.checkDuplicates === false ? undefined : new DuplicateIdGuard('passage id');
  for await (const batch of readLineBatches(source, options)) {
    for (const line of batch) {
      const record = parseIdTextLine(line, COLLECTION_HINT, guard);
      if (record === undefined) continue;
      yield { id: record.id, text: record.text, source: { file: line.file, line: line.line } };
    }
  }
}

/** Streams MS MARCO `queries.*.tsv` (`qid<TAB>text`, plain or gzip) as queries with their file:line. */
export function readMsMarcoQueries(
  source: TextSource,
  options: ReadOptions = {},
): AsyncGenerator<Located<Query>> {
  return readTopics(source, options);
}

/**
 * Streams MS MARCO `qrels.*.tsv` (`qid 0 pid rel`, tab or space separated) as judgments with their
 * file:line. Same format as TREC qrels: for a map use {@link readTrecQrels}.
 */
export function readMsMarcoQrels(
  source: TextSource,
  options: ReadOptions = {},
): AsyncGenerator<Located<Judgment>> {
  return readTrecJudgments(source, options);
}
