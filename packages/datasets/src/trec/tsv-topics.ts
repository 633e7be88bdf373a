import type { Query } from '@retrievekit/core';
import { DuplicateIdGuard } from '../io/duplicate-ids.js';
import { parseIdTextLine } from '../io/id-text-tsv.js';
import type { SourceLine } from '../io/read-lines.js';
import type { Located } from '../io/text-source.js';

const TSV_TOPICS_HINT = 'each topics line is "qid<TAB>query text"';

/** Parses `qid<TAB>text` topic lines one at a time; a repeated qid throws `DUPLICATE_ID` naming both lines. */
export class TsvTopicParser {
  private readonly guard = new DuplicateIdGuard('query id');

  /** The query on `line`, or undefined for a blank line. */
  push(line: SourceLine): Located<Query> | undefined {
    const record = parseIdTextLine(line, TSV_TOPICS_HINT, this.guard);
    if (record === undefined) return undefined;
    return { id: record.id, text: record.text, source: { file: line.file, line: line.line } };
  }
}
