import type { DuplicateIdGuard } from './duplicate-ids.js';
import { isBlank } from './json-line.js';
import { parseError } from './parse-error.js';
import type { SourceLine } from './read-lines.js';

/** One `id<TAB>text` record. */
export interface IdTextRecord {
  id: string;
  text: string;
}

/**
 * Parses one `id<TAB>text` line (TREC/MS MARCO topics, MS MARCO `collection.tsv`); undefined for a blank
 * line. The text is everything after the first tab, verbatim. No tab or an empty id throws `PARSE_ERROR`;
 * an id the guard saw before throws `DUPLICATE_ID` naming both lines.
 */
export function parseIdTextLine(
  line: SourceLine,
  hint: string,
  guard: DuplicateIdGuard | undefined,
): IdTextRecord | undefined {
  if (isBlank(line.text)) return undefined;
  const tab = line.text.indexOf('\t');
  if (tab === -1) throw parseError(line, 'expected "id<TAB>text", found no tab', hint);
  const id = line.text.slice(0, tab).trim();
  if (id.length === 0) throw parseError(line, 'empty id before the tab', hint, 'id');
  guard?.check(id, line, 'id');
  return { id, text: line.text.slice(tab + 1) };
}
