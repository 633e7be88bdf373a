import type { LongTaskOptions, Qrels } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { CompactQrels, CompactQrelsQuery } from '../store/compact-qrels.js';
import { latin1, parseInteger, splitFields } from './fields.js';
import { forEachLine, type InputSource, sourceName } from './line-reader.js';

/** Options of {@link readQrels}. */
export interface ReadQrelsOptions extends LongTaskOptions {
  /**
   * `'trec'` (`qid iter docno rel`, whitespace separated), `'beir'` (TSV `query-id corpus-id score`, header
   * optional) or `'auto'` (default: a `query-id` header or 3 tab-separated columns mean BEIR).
   */
  format?: 'auto' | 'trec' | 'beir';
  /** Name used in error messages (default: the path, or `<stream>`). */
  name?: string;
}

const TREC_HINT = 'each TREC qrels line is "qid iter docno rel"';
const BEIR_HINT = 'each BEIR qrels line is "query-id<TAB>corpus-id<TAB>score" after a header line';

/** Parses a qrels file into {@link CompactQrels} (the evaluator's representation). */
export async function readQrelsCompact(
  source: InputSource,
  options: ReadQrelsOptions = {},
): Promise<CompactQrels> {
  const file = sourceName(source, options.name);
  const out = new CompactQrels();
  let format = options.format ?? 'auto';
  const bounds = new Int32Array(10);
  let judgments = 0;
  let lastQid = '';
  let lastQuery: CompactQrelsQuery | undefined;
  await forEachLine(
    source,
    (bytes, start, end, line) => {
      let s = start;
      while (s < end && (bytes[s] === 32 || bytes[s] === 9)) s++;
      if (s === end || bytes[s] === 35) return;
      if (format === 'auto' || (format === 'beir' && judgments === 0)) {
        const head = latin1(bytes, s, Math.min(end, s + 8));
        if (head === 'query-id') {
          format = 'beir';
          return;
        }
        if (format === 'auto') format = splitFields(bytes, s, end, bounds, true) === 3 ? 'beir' : 'trec';
      }
      const beir = format === 'beir';
      const n = splitFields(bytes, s, end, bounds, beir);
      const expected = beir ? 3 : 4;
      if (n !== expected) {
        throw new RetrievekitError('PARSE_ERROR', `expected ${expected} columns, found ${n}`, {
          where: { file, line },
          hint: beir ? BEIR_HINT : TREC_HINT,
        });
      }
      const docField = beir ? 1 : 2;
      const gradeField = beir ? 2 : 3;
      const gs = bounds[2 * gradeField] as number;
      const ge = bounds[2 * gradeField + 1] as number;
      const grade = parseInteger(bytes, gs, ge);
      if (Number.isNaN(grade)) {
        throw new RetrievekitError(
          'PARSE_ERROR',
          `relevance grade is not an integer: "${latin1(bytes, gs, ge)}"`,
          {
            where: { file, line, field: 'rel' },
            hint: beir ? BEIR_HINT : TREC_HINT,
          },
        );
      }
      const qid = Buffer.from(
        bytes.buffer,
        bytes.byteOffset + (bounds[0] as number),
        (bounds[1] as number) - (bounds[0] as number),
      ).toString('utf8');
      let q = qid === lastQid ? lastQuery : out.queries.get(qid);
      if (q === undefined) {
        q = new CompactQrelsQuery();
        out.queries.set(qid, q);
      }
      lastQid = qid;
      lastQuery = q;
      const ds = bounds[2 * docField] as number;
      const de = bounds[2 * docField + 1] as number;
      if (!q.addGraded(bytes, ds, de, grade)) {
        throw new RetrievekitError(
          'DUPLICATE_ID',
          `document "${latin1(bytes, ds, de)}" is judged twice for query ${qid}`,
          {
            where: { file, line },
            hint: 'trec_eval rejects qrels with a duplicate (query, document) pair',
          },
        );
      }
      judgments++;
    },
    { ...options, name: file },
  );
  if (judgments === 0) {
    throw new RetrievekitError('EMPTY_INPUT', 'no judgments found', {
      where: { file },
      hint: format === 'beir' ? BEIR_HINT : TREC_HINT,
    });
  }
  for (const q of out.queries.values()) q.finish();
  return out;
}

/**
 * Reads relevance judgments: TREC qrels (`qid iter docno rel`) or BEIR TSV (`query-id corpus-id score` with
 * header), plain or gzip, LF or CRLF. Errors name `file:line` (wrong column count, non-integer grade,
 * duplicate judgment, empty file).
 *
 * @example
 * ```ts
 * const qrels = await readQrels('qrels.test');
 * qrels.get('301')?.get('FR940202-2-00150'); // grade
 * ```
 */
export async function readQrels(source: InputSource, options: ReadQrelsOptions = {}): Promise<Qrels> {
  const compact = await readQrelsCompact(source, options);
  return qrelsFromCompact(compact);
}

/** Converts {@link CompactQrels} into core `Qrels`. */
export function qrelsFromCompact(compact: CompactQrels): Qrels {
  const qrels = new Map<string, Map<string, number>>();
  for (const [qid, q] of compact.queries) {
    const docs = new Map<string, number>();
    for (let i = 0; i < q.size; i++) docs.set(q.text(i), q.grades[i] as number);
    qrels.set(qid, docs);
  }
  return qrels;
}
