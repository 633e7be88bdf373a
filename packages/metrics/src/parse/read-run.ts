import type { LongTaskOptions, RankedList, Run } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { bytesEqual } from '../store/byte-hash.js';
import { CompactRun, CompactRunQuery } from '../store/compact-run.js';
import { latin1, parseDecimal } from './fields.js';
import { forEachChunk, type InputSource, sourceName } from './line-reader.js';

/** Options of {@link readRun}. */
export interface ReadRunOptions extends LongTaskOptions {
  /** Name used in error messages (default: the path, or `<stream>`). */
  name?: string;
}

const HINT = 'each run line is "qid Q0 docno rank score tag"';

/** C isspace without the newline; one comparison for the common printable byte. */
const blank = (b: number): boolean => b <= 32 && (b === 32 || (b >= 9 && b <= 13 && b !== 10));
/** End of a field: whitespace or newline; one comparison for the common printable byte. */
const stop = (b: number): boolean => b <= 32 && (b === 32 || (b >= 9 && b <= 13));

/**
 * Parses a TREC run into a {@link CompactRun} (the evaluator's representation) in one pass over the bytes:
 * fields are found by scanning, the query id is decoded only when it changes, document ids stay bytes and
 * are hashed while scanned.
 */
export async function readRunCompact(source: InputSource, options: ReadRunOptions = {}): Promise<CompactRun> {
  const file = sourceName(source, options.name);
  const run = new CompactRun();
  let qidBytes: Uint8Array = new Uint8Array(0);
  let query: CompactRunQuery | undefined;
  let qid = '';
  // Lines of one query usually come together: they are collected in a reusable builder and frozen into
  // exact-size arrays when the query id changes (a query id seen again continues its frozen table).
  const builder = new CompactRunQuery();
  const close = (): void => {
    if (query === builder && builder.size > 0) run.queries.set(qid, builder.freeze());
  };
  let tag: Uint8Array = new Uint8Array(0);
  const fail = (line: number, detail: string, field?: string): never => {
    throw new RetrievekitError('PARSE_ERROR', detail, {
      where: field === undefined ? { file, line } : { file, line, field },
      hint: HINT,
    });
  };
  await forEachChunk(
    source,
    (b, start, end, firstLine) => {
      let line = firstLine - 1;
      let i = start;
      let tagStart = 0;
      let tagEnd = 0;
      while (i < end) {
        line++;
        while (i < end && blank(b[i] as number)) i++;
        if (i >= end) break;
        if (b[i] === 10) {
          i++;
          continue;
        }
        if (b[i] === 35) {
          const nl = b.indexOf(10, i);
          i = nl === -1 || nl >= end ? end : nl + 1;
          continue;
        }
        // field 1: qid
        const qs = i;
        while (i < end && !stop(b[i] as number)) i++;
        const qe = i;
        // field 2: iter (ignored)
        while (i < end && blank(b[i] as number)) i++;
        const f2 = i;
        while (i < end && !stop(b[i] as number)) i++;
        // field 3: docno, hashed while scanned (FNV-1a, as DocTable)
        while (i < end && blank(b[i] as number)) i++;
        const ds = i;
        let h = 0x811c9dc5 | 0;
        while (i < end) {
          const c = b[i] as number;
          if (stop(c)) break;
          h = Math.imul(h ^ c, 0x01000193);
          i++;
        }
        const de = i;
        // field 4: rank (ignored)
        while (i < end && blank(b[i] as number)) i++;
        const f4 = i;
        while (i < end && !stop(b[i] as number)) i++;
        // field 5: score
        while (i < end && blank(b[i] as number)) i++;
        const ss = i;
        while (i < end && !stop(b[i] as number)) i++;
        const se = i;
        // field 6: tag
        while (i < end && blank(b[i] as number)) i++;
        tagStart = i;
        while (i < end && !stop(b[i] as number)) i++;
        tagEnd = i;
        // rest of the line (extra columns are ignored, as trec_eval does)
        if (i < end && b[i] !== 10) {
          const nl = b.indexOf(10, i);
          i = nl === -1 || nl >= end ? end : nl;
        }
        i++;
        if (tagEnd === tagStart) {
          const found = [
            qe > qs,
            f2 < end && b[f2] !== 10,
            de > ds,
            f4 < end && b[f4] !== 10,
            se > ss,
          ].filter(Boolean).length;
          fail(line, `expected 6 columns, found ${found}`);
        }
        if (query === undefined || !bytesEqual(b, qs, qe, qidBytes, 0, qidBytes.length)) {
          close();
          qidBytes = b.slice(qs, qe);
          qid = Buffer.from(qidBytes).toString('utf8');
          const seen = run.queries.get(qid);
          if (seen !== undefined) query = seen;
          else {
            builder.reset();
            query = builder;
          }
        }
        const score = parseDecimal(b, ss, se);
        if (Number.isNaN(score)) fail(line, `score is not a finite number: "${latin1(b, ss, se)}"`, 'score');
        if (!query.addScoredHashed(b, ds, de, h, score)) {
          throw new RetrievekitError(
            'DUPLICATE_ID',
            `document "${latin1(b, ds, de)}" is retrieved twice for query ${qid}`,
            {
              where: { file, line },
              hint: 'trec_eval rejects a run that lists a document twice for one query; remove the duplicate',
            },
          );
        }
        run.numLines++;
      }
      if (tagEnd > tagStart) tag = b.slice(tagStart, tagEnd);
      return line - firstLine + 1;
    },
    { ...options, name: file },
  );
  close();
  if (run.numLines === 0) {
    throw new RetrievekitError('EMPTY_INPUT', 'no result lines found', { where: { file }, hint: HINT });
  }
  run.runId = Buffer.from(tag).toString('utf8');
  return run;
}

/**
 * Reads a TREC run (`qid Q0 docno rank score tag`), plain or gzip, LF or CRLF. The rank column is ignored
 * (evaluation re-sorts by score as trec_eval does). Errors name `file:line`: wrong column count,
 * non-numeric or NaN score, a document listed twice for one query, empty file.
 *
 * @example
 * ```ts
 * const run = await readRun('run.bm25.txt');
 * run.get('301')?.ids.length;
 * ```
 */
export async function readRun(source: InputSource, options: ReadRunOptions = {}): Promise<Run> {
  return runFromCompact(await readRunCompact(source, options));
}

/** Converts a {@link CompactRun} into a core `Run` (ids decoded as strings, scores in a Float64Array). */
export function runFromCompact(compact: CompactRun): Run {
  const run = new Map<string, RankedList>();
  for (const [qid, q] of compact.queries) {
    const ids: string[] = new Array(q.size);
    for (let i = 0; i < q.size; i++) ids[i] = q.text(i);
    run.set(qid, { ids, scores: q.scores.slice(0, q.size) });
  }
  return run;
}
