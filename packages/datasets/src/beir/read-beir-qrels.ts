import type { Judgment } from '@retrievekit/core';
import { isBlank } from '../io/json-line.js';
import { parseError } from '../io/parse-error.js';
import { parseGrade } from '../io/parse-grade.js';
import { readLineBatches } from '../io/read-lines.js';
import type { Located, ReadOptions, TextSource } from '../io/text-source.js';

const QRELS_HINT = 'a BEIR qrels file is tab-separated "query-id corpus-id score" lines after that header';

function isHeader(columns: readonly string[]): boolean {
  return columns[0] === 'query-id' && columns[1] === 'corpus-id' && columns[2] === 'score';
}

/**
 * Streams a BEIR qrels TSV (`qrels/<split>.tsv`: header `query-id corpus-id score`, then one judgment a
 * line, tab separated; CRLF and gzip accepted) as judgments with their file:line. The header is optional
 * (when the first line is a judgment it is read as one).
 */
export async function* readBeirQrels(
  source: TextSource,
  options: ReadOptions = {},
): AsyncGenerator<Located<Judgment>> {
  let first = true;
  for await (const batch of readLineBatches(source, options)) {
    for (const line of batch) {
      if (isBlank(line.text)) continue;
      const columns = line.text.split('\t');
      if (first) {
        first = false;
        if (isHeader(columns)) continue;
      }
      if (columns.length !== 3) {
        throw parseError(line, `expected 3 tab-separated columns, got ${columns.length}`, QRELS_HINT);
      }
      const [queryId = '', docId = '', score = ''] = columns;
      if (queryId === '') throw parseError(line, 'empty query-id', QRELS_HINT, 'query-id');
      if (docId === '') throw parseError(line, 'empty corpus-id', QRELS_HINT, 'corpus-id');
      const relevance = parseGrade(score.trim(), line, QRELS_HINT, 'score');
      yield { queryId, docId, relevance, source: { file: line.file, line: line.line } };
    }
  }
}
