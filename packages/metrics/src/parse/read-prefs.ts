import { RetrievekitError } from '@retrievekit/core';
import { CompactPrefs, CompactPrefsQuery } from '../store/compact-prefs.js';
import { latin1, parseDecimal, splitFields } from './fields.js';
import { forEachLine, type InputSource, sourceName } from './line-reader.js';

/** Options of {@link readPrefsCompact}. */
export interface ReadPrefsOptions {
  /**
   * `'prefs'` (default, trec_eval `-R prefs`): `qid jg jsg docno rel_level` lines. `'qrels_prefs'`
   * (`-R qrels_prefs`): a TREC qrels file `qid iter docno rel`, read with the iter column as the judgment
   * group and one sub-group `0`.
   */
  format?: 'prefs' | 'qrels_prefs';
  /** Name used in error messages (default: the path, or `<stream>`). */
  name?: string;
}

const HINTS = {
  prefs: 'each prefs line is "qid jg jsg docno rel_level"',
  qrels_prefs: 'each qrels_prefs line is "qid jg docno rel_level" (a TREC qrels file)',
};

/**
 * Reads preference judgments (trec_eval `-R prefs` or `-R qrels_prefs`; plain or gzip). Blank lines and
 * `#` comments are skipped. Errors name `file:line`: a wrong number of columns, a rel_level that is not a
 * decimal number, the same document twice in one judgment sub-group (`DUPLICATE_ID`), an empty input.
 */
export async function readPrefsCompact(
  source: InputSource,
  options: ReadPrefsOptions = {},
): Promise<CompactPrefs> {
  const file = sourceName(source, options.name);
  const format = options.format ?? 'prefs';
  const hint = HINTS[format];
  const expected = format === 'prefs' ? 5 : 4;
  const out = new CompactPrefs(file);
  const bounds = new Int32Array(2 * expected);
  let count = 0;
  let lastQid = '';
  let lastQuery: CompactPrefsQuery | undefined;
  await forEachLine(
    source,
    (bytes, start, end, line) => {
      const n = splitFields(bytes, start, end, bounds);
      if (n === 0 || bytes[bounds[0] as number] === 35) return;
      if (n !== expected) {
        throw new RetrievekitError('PARSE_ERROR', `expected ${expected} columns, found ${n}`, {
          where: { file, line },
          hint,
        });
      }
      const field = (k: number): [number, number] => [bounds[2 * k] as number, bounds[2 * k + 1] as number];
      const [rs, re] = field(expected - 1);
      const rel = parseDecimal(bytes, rs, re);
      if (Number.isNaN(rel)) {
        throw new RetrievekitError('PARSE_ERROR', `rel_level is not a number: "${latin1(bytes, rs, re)}"`, {
          where: { file, line, field: 'rel_level' },
          hint,
        });
      }
      const qid = latin1(bytes, ...field(0));
      const group = latin1(bytes, ...field(1));
      const subgroup = format === 'prefs' ? latin1(bytes, ...field(2)) : '0';
      const [ds, de] = field(expected - 2);
      let q = qid === lastQid ? lastQuery : out.queries.get(qid);
      if (q === undefined) {
        q = new CompactPrefsQuery();
        out.queries.set(qid, q);
      }
      lastQid = qid;
      lastQuery = q;
      const earlier = q.add(bytes, ds, de, group, subgroup, rel, line);
      if (earlier !== 0) {
        throw new RetrievekitError(
          'DUPLICATE_ID',
          `document "${latin1(bytes, ds, de)}" is judged twice for query ${qid}, judgment group ${group}, sub-group ${subgroup} (first on line ${earlier})`,
          { where: { file, line }, hint: 'a document has one rel_level per judgment sub-group' },
        );
      }
      count++;
    },
    { name: file },
  );
  if (count === 0)
    throw new RetrievekitError('EMPTY_INPUT', 'no preference judgments found', { where: { file }, hint });
  return out;
}
