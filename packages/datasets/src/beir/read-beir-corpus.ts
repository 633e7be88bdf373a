import type { Passage } from '@retrievekit/core';
import { DuplicateIdGuard } from '../io/duplicate-ids.js';
import { isBlank, parseJsonObject } from '../io/json-line.js';
import { jsonType, parseError } from '../io/parse-error.js';
import { readLineBatches } from '../io/read-lines.js';
import type { Located, ReadOptions, TextSource } from '../io/text-source.js';
import { readBeirId, readBeirMetadata, readBeirText } from './beir-record.js';

/** Options of {@link readBeirCorpus}. */
export interface ReadCorpusOptions extends ReadOptions {
  /**
   * Throw `DUPLICATE_ID` (naming both lines) when an id repeats. Costs one map entry per passage;
   * turn it off for corpora too large for that. Default `true`.
   */
  checkDuplicates?: boolean;
}

const CORPUS_HINT =
  'each corpus.jsonl line is {"_id": "...", "title": "...", "text": "...", "metadata": {...}}';
const KNOWN = ['_id', 'title', 'text'];

/**
 * Streams a BEIR `corpus.jsonl` (plain or gzip) as passages, each with the file:line it came from.
 * Blank lines are skipped; anything else malformed throws `PARSE_ERROR` at its file:line.
 *
 * @example
 * ```ts
 * for await (const passage of readBeirCorpus('scifact/corpus.jsonl')) index.add(passage.id, passage.text);
 * ```
 */
export async function* readBeirCorpus(
  source: TextSource,
  options: ReadCorpusOptions = {},
): AsyncGenerator<Located<Passage>> {
  const guard = options.checkDuplicates === false ? undefined : new DuplicateIdGuard('passage id');
  for await (const batch of readLineBatches(source, options)) {
    for (const line of batch) {
      if (isBlank(line.text)) continue;
      const record = parseJsonObject(line, CORPUS_HINT);
      const id = readBeirId(record, line, CORPUS_HINT);
      guard?.check(id, line, '_id');
      const text = readBeirText(record, 'text', line, CORPUS_HINT);
      const title = record.title;
      if (title !== undefined && title !== null && typeof title !== 'string') {
        throw parseError(line, `"title" must be a string, got ${jsonType(title)}`, CORPUS_HINT, 'title');
      }
      const metadata = readBeirMetadata(record, KNOWN, line, CORPUS_HINT);
      const passage: Located<Passage> = { id, text, source: { file: line.file, line: line.line } };
      if (typeof title === 'string') passage.title = title;
      if (metadata !== undefined) passage.metadata = metadata;
      yield passage;
    }
  }
}
