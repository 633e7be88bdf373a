import { RetrievekitError } from '@retrievekit/core';
import { CompactQrelsQuery } from '../store/compact-qrels.js';
import { latin1, parseInteger, splitFields } from './fields.js';
import { forEachLine, type InputSource, sourceName } from './line-reader.js';

/**
 * Judgments with judgment groups (trec_eval `-R qrels_jg`): the second qrels column names the group
 * (e.g. one assessor); each query maps group ids (sorted) to that group's judgments.
 */
export class CompactQrelsJg {
  /** Marks judgment-group qrels apart from plain ones. */
  readonly kind = 'compact-qrels-jg';
  /** Query id -> group id -> judgments. */
  readonly queries = new Map<string, Map<string, CompactQrelsQuery>>();
}

/** True when `value` is a {@link CompactQrelsJg}. */
export function isCompactQrelsJg(value: unknown): value is CompactQrelsJg {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'compact-qrels-jg'
  );
}

const HINT = 'each qrels_jg line is "qid group docno rel"';

/** Reads TREC qrels whose second column is a judgment group (trec_eval `-R qrels_jg`). Errors name file:line. */
export async function readQrelsJgCompact(
  source: InputSource,
  options: { name?: string } = {},
): Promise<CompactQrelsJg> {
  const file = sourceName(source, options.name);
  const out = new CompactQrelsJg();
  const bounds = new Int32Array(8);
  let count = 0;
  await forEachLine(
    source,
    (bytes, start, end, line) => {
      const n = splitFields(bytes, start, end, bounds);
      if (n === 0 || bytes[bounds[0] as number] === 35) return;
      if (n !== 4) {
        throw new RetrievekitError('PARSE_ERROR', `expected 4 columns, found ${n}`, {
          where: { file, line },
          hint: HINT,
        });
      }
      const grade = parseInteger(bytes, bounds[6] as number, bounds[7] as number);
      if (Number.isNaN(grade)) {
        throw new RetrievekitError(
          'PARSE_ERROR',
          `relevance grade is not an integer: "${latin1(bytes, bounds[6] as number, bounds[7] as number)}"`,
          {
            where: { file, line, field: 'rel' },
            hint: HINT,
          },
        );
      }
      const qid = latin1(bytes, bounds[0] as number, bounds[1] as number);
      const group = latin1(bytes, bounds[2] as number, bounds[3] as number);
      let groups = out.queries.get(qid);
      if (groups === undefined) {
        groups = new Map();
        out.queries.set(qid, groups);
      }
      let q = groups.get(group);
      if (q === undefined) {
        q = new CompactQrelsQuery();
        groups.set(group, q);
      }
      if (!q.addGraded(bytes, bounds[4] as number, bounds[5] as number, grade)) {
        throw new RetrievekitError(
          'DUPLICATE_ID',
          `document "${latin1(bytes, bounds[4] as number, bounds[5] as number)}" is judged twice for query ${qid}, group ${group}`,
          {
            where: { file, line },
          },
        );
      }
      count++;
    },
    { name: file },
  );
  if (count === 0)
    throw new RetrievekitError('EMPTY_INPUT', 'no judgments found', { where: { file }, hint: HINT });
  for (const [qid, groups] of out.queries) {
    const sorted = new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const q of sorted.values()) q.finish();
    out.queries.set(qid, sorted);
  }
  return out;
}
