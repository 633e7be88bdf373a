import type { Run } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { hashBytes } from './byte-hash.js';
import { DocTable } from './doc-table.js';

/** One query's retrieved documents in compact form: ids as bytes in a {@link DocTable}, scores in a typed array. */
export class CompactRunQuery extends DocTable {
  /** `scores[i]` is the score of document `i`. */
  scores: Float64Array = new Float64Array(64);

  /** Adds a document; returns false when the id was already retrieved for this query. */
  addScored(bytes: Uint8Array, start: number, end: number, score: number): boolean {
    return this.addScoredHashed(bytes, start, end, hashBytes(bytes, start, end), score);
  }

  /** An exact-size copy of this query (the builder can then be {@link reset} and reused). */
  freeze(): CompactRunQuery {
    const copy = this.freezeInto(new CompactRunQuery(0));
    copy.scores = this.scores.slice(0, this.size);
    return copy;
  }

  /** {@link addScored} with the id's FNV-1a hash already computed. */
  addScoredHashed(bytes: Uint8Array, start: number, end: number, hash: number, score: number): boolean {
    const i = this.add(bytes, start, end, hash);
    if (i < 0) return false;
    if (i >= this.scores.length) {
      const scores = new Float64Array(Math.max(16, this.scores.length * 2));
      scores.set(this.scores);
      this.scores = scores;
    }
    this.scores[i] = score;
    return true;
  }
}

/**
 * A run in the compact representation the evaluator works on (ids kept as UTF-8 bytes, scores in typed
 * arrays). Build one with {@link readRunCompact} (fast path for files) or {@link compactRun} (from a core `Run`).
 */
export class CompactRun {
  /** Marks compact runs apart from core `Run` maps. */
  readonly kind = 'compact-run';
  /** Queries by id, in order of first appearance. */
  readonly queries = new Map<string, CompactRunQuery>();
  /** The run tag (last column of a TREC run; trec_eval reports the last line's). */
  runId: string;
  /** Number of result lines. */
  numLines = 0;

  constructor(runId = 'run') {
    this.runId = runId;
  }

  /** The query's table, created on first use. */
  query(qid: string): CompactRunQuery {
    let q = this.queries.get(qid);
    if (q === undefined) {
      q = new CompactRunQuery();
      this.queries.set(qid, q);
    }
    return q;
  }
}

/** True when `value` is a {@link CompactRun}. */
export function isCompactRun(value: unknown): value is CompactRun {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'compact-run';
}

/**
 * Converts a core `Run` (e.g. produced in memory by a retriever) into a {@link CompactRun}.
 * Throws `DUPLICATE_ID` for a document retrieved twice for one query and `NON_FINITE` for a NaN score.
 */
export function compactRun(run: Run, runId = 'run'): CompactRun {
  const out = new CompactRun(runId);
  for (const [qid, list] of run) {
    const q = out.query(qid);
    const n = list.ids.length;
    if (list.scores.length !== n) {
      throw new RetrievekitError(
        'DIMENSION_MISMATCH',
        `query ${qid}: ${n} ids but ${list.scores.length} scores`,
        {
          where: { field: 'scores' },
        },
      );
    }
    for (let i = 0; i < n; i++) {
      const bytes = Buffer.from(list.ids[i] as string, 'utf8');
      const score = list.scores[i] as number;
      if (Number.isNaN(score)) {
        throw new RetrievekitError('NON_FINITE', `query ${qid}: score of "${list.ids[i]}" is NaN`, {
          where: { index: i, field: 'scores' },
        });
      }
      if (!q.addScored(bytes, 0, bytes.length, score)) {
        throw new RetrievekitError(
          'DUPLICATE_ID',
          `query ${qid}: document "${list.ids[i]}" is retrieved twice`,
          {
            where: { index: i },
            hint: 'trec_eval rejects a run that lists a document twice for one query',
          },
        );
      }
      out.numLines++;
    }
  }
  return out;
}
