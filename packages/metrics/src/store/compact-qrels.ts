import type { Qrels } from '@retrievekit/core';
import { DocTable } from './doc-table.js';

/** One query's judgments in compact form. */
export class CompactQrelsQuery extends DocTable {
  /** `grades[i]` is the grade of judged document `i`. */
  grades: Int32Array = new Int32Array(64);
  /** `levelCounts[g]` = number of documents judged with grade g >= 0. */
  levelCounts: Int32Array = new Int32Array(0);

  /** Adds a judgment; returns false when the document was already judged for this query. */
  addGraded(bytes: Uint8Array, start: number, end: number, grade: number): boolean {
    const i = this.add(bytes, start, end);
    if (i < 0) return false;
    if (i >= this.grades.length) {
      const grades = new Int32Array(this.grades.length * 2);
      grades.set(this.grades);
      this.grades = grades;
    }
    this.grades[i] = grade;
    return true;
  }

  /** Computes {@link levelCounts}; call once after the last {@link addGraded}. */
  finish(): void {
    let max = -1;
    for (let i = 0; i < this.size; i++) max = Math.max(max, this.grades[i] as number);
    const counts = new Int32Array(max + 1);
    for (let i = 0; i < this.size; i++) {
      const g = this.grades[i] as number;
      if (g >= 0) counts[g] = (counts[g] as number) + 1;
    }
    this.levelCounts = counts;
  }
}

/** Judgments in the compact form the evaluator works on. */
export class CompactQrels {
  /** Marks compact qrels apart from core `Qrels` maps. */
  readonly kind = 'compact-qrels';
  /** Queries by id. */
  readonly queries = new Map<string, CompactQrelsQuery>();
}

/** True when `value` is a {@link CompactQrels}. */
export function isCompactQrels(value: unknown): value is CompactQrels {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'compact-qrels'
  );
}

/** Converts core `Qrels` into {@link CompactQrels}. */
export function compactQrels(qrels: Qrels): CompactQrels {
  const out = new CompactQrels();
  for (const [qid, docs] of qrels) {
    const q = new CompactQrelsQuery();
    for (const [docId, grade] of docs) {
      const bytes = Buffer.from(docId, 'utf8');
      q.addGraded(bytes, 0, bytes.length, grade);
    }
    q.finish();
    out.queries.set(qid, q);
  }
  return out;
}
