import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LongTaskOptions, Query } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';

/** One `id<TAB>text` record of an MS MARCO TSV, with its 1-based line number. */
export interface TsvRecord {
  readonly id: string;
  readonly text: string;
  readonly line: number;
}

/**
 * Streams the records of an MS MARCO `id<TAB>text` file (queries.train.tsv, collection.tsv). The text
 * is everything after the first tab. A line without a tab or with an empty id fails with file:line.
 */
export async function* readIdTextTsv(path: string, options: LongTaskOptions = {}): AsyncGenerator<TsvRecord> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const raw of lines) {
    line++;
    if (line % 65536 === 0) {
      throwIfAborted(options.signal, 'reading TSV');
      options.onProgress?.({ done: line, unit: 'lines' });
    }
    const tab = raw.indexOf('\t');
    if (tab <= 0) {
      throw new RetrievekitError('PARSE_ERROR', tab === 0 ? 'id is empty' : 'line has no tab', {
        where: { file: path, line, field: 'id' },
        hint: 'each line is "id<TAB>text"',
      });
    }
    yield { id: raw.slice(0, tab), text: raw.slice(tab + 1), line };
  }
}

/** Reads an MS MARCO query TSV (`qid<TAB>text`) into queries; a repeated qid is a `DUPLICATE_ID` error. */
export async function readQueriesTsv(path: string, options: LongTaskOptions = {}): Promise<Query[]> {
  const queries: Query[] = [];
  const seen = new Set<string>();
  for await (const record of readIdTextTsv(path, options)) {
    if (seen.has(record.id)) {
      throw new RetrievekitError('DUPLICATE_ID', `query id ${record.id} appears twice`, {
        where: { file: path, line: record.line, field: 'qid' },
      });
    }
    seen.add(record.id);
    queries.push({ id: record.id, text: record.text });
  }
  return queries;
}
