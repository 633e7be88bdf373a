import type { Judgment } from '@retrievekit/core';
import { isBlank } from '../io/json-line.js';
import { parseError } from '../io/parse-error.js';
import { parseGrade } from '../io/parse-grade.js';
import { readLineBatches } from '../io/read-lines.js';
import type { Located, ReadOptions, TextSource } from '../io/text-source.js';

const TREC_QRELS_HINT = 'each TREC qrels line is "qid iter docno rel" separated by spaces or tabs';
const WHITESPACE = /\s+/;

/**
 * Streams a TREC qrels file (`qid iter docno rel`, spaces or tabs, `iter` ignored; MS MARCO's
 * `qrels.*.tsv` have the same layout) as judgments with their file:line. Memory stays bounded whatever
 * the file size: use it for huge qrels, or {@link readTrecQrels} for a map.
 */
export async function* readTrecJudgments(
  source: TextSource,
  options: ReadOptions = {},
): AsyncGenerator<Located<Judgment>> {
  for await (const batch of readLineBatches(source, options)) {
    for (const line of batch) {
      if (isBlank(line.text)) continue;
      const columns = line.text.trim().split(WHITESPACE);
      if (columns.length !== 4) {
        throw parseError(line, `expected 4 columns, got ${columns.length}`, TREC_QRELS_HINT);
      }
      const [queryId = '', , docId = '', grade = ''] = columns;
      const relevance = parseGrade(grade, line, TREC_QRELS_HINT, 'rel');
      yield { queryId, docId, relevance, source: { file: line.file, line: line.line } };
    }
  }
}
