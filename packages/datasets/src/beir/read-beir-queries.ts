import type { Query } from '@retrievekit/core';
import { DuplicateIdGuard } from '../io/duplicate-ids.js';
import { isBlank, parseJsonObject } from '../io/json-line.js';
import { readLineBatches } from '../io/read-lines.js';
import type { Located, ReadOptions, TextSource } from '../io/text-source.js';
import { readBeirId, readBeirMetadata, readBeirText } from './beir-record.js';

const QUERIES_HINT = 'each queries.jsonl line is {"_id": "...", "text": "...", "metadata": {...}}';
const KNOWN = ['_id', 'text'];

/**
 * Streams a BEIR `queries.jsonl` (plain or gzip) as queries, each with its file:line. Duplicate ids throw
 * `DUPLICATE_ID` naming both lines; extra top-level fields go into `metadata`.
 */
export async function* readBeirQueries(
  source: TextSource,
  options: ReadOptions = {},
): AsyncGenerator<Located<Query>> {
  const guard = new DuplicateIdGuard('query id');
  for await (const batch of readLineBatches(source, options)) {
    for (const line of batch) {
      if (isBlank(line.text)) continue;
      const record = parseJsonObject(line, QUERIES_HINT);
      const id = readBeirId(record, line, QUERIES_HINT);
      guard.check(id, line, '_id');
      const text = readBeirText(record, 'text', line, QUERIES_HINT);
      const metadata = readBeirMetadata(record, KNOWN, line, QUERIES_HINT);
      const query: Located<Query> = { id, text, source: { file: line.file, line: line.line } };
      if (metadata !== undefined) query.metadata = metadata;
      yield query;
    }
  }
}
