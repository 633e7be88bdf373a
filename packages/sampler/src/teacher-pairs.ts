import { RetrievekitError } from '@retrievekit/core';
import { IdCodes } from './id-codes.js';

/**
 * Teacher-scored training pairs `(query, positive, negative, t+, t-)`, stored column-wise in typed
 * arrays (20 bytes a pair) with compact id codes (see {@link IdCodes}), and grouped by query.
 */
export interface TeacherPairs {
  /** Number of pairs. */
  readonly size: number;
  /** Number of distinct queries. */
  readonly queryCount: number;
  /** Teacher score of (query, positive), per pair (float32). */
  readonly positiveScores: Float32Array;
  /** Teacher score of (query, negative), per pair (float32). */
  readonly negativeScores: Float32Array;
  /** Dense query index (0..queryCount-1) of each pair, in file order. */
  readonly queryOfPair: Int32Array;
  /** Id code of each pair's positive passage. */
  readonly positiveCodes: Int32Array;
  /** Id code of each pair's negative passage. */
  readonly negativeCodes: Int32Array;
  /** Pairs of query q are `pairsByQuery[queryOffsets[q] .. queryOffsets[q + 1])` (file order within). */
  readonly queryOffsets: Int32Array;
  /** Pair indices grouped by query. */
  readonly pairsByQuery: Int32Array;
  /** The id of dense query `index`. */
  queryId(index: number): string;
  /** The dense index of query `id`, or undefined when the file has no pair for it. */
  queryIndexOf(id: string): number | undefined;
  /** The passage id of an id code (from `positiveCodes` / `negativeCodes`). */
  passageId(code: number): string;
}

function grow<T extends Float32Array | Int32Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** Accumulates pairs in growable typed arrays and groups them by query in {@link TeacherPairsBuilder.finish}. */
export class TeacherPairsBuilder {
  private size = 0;
  private positiveScores: Float32Array;
  private negativeScores: Float32Array;
  private queryOfPair: Int32Array;
  private positiveCodes: Int32Array;
  private negativeCodes: Int32Array;
  private readonly queryIndexByCode = new Map<number, number>();
  private readonly queryCodes: number[] = [];

  constructor(
    readonly ids: IdCodes = new IdCodes(),
    capacity = 1024,
  ) {
    this.positiveScores = new Float32Array(capacity);
    this.negativeScores = new Float32Array(capacity);
    this.queryOfPair = new Int32Array(capacity);
    this.positiveCodes = new Int32Array(capacity);
    this.negativeCodes = new Int32Array(capacity);
  }

  /** Makes room for at least `capacity` pairs in total (one allocation instead of repeated growth). */
  reserve(capacity: number): void {
    if (capacity <= this.positiveScores.length) return;
    this.positiveScores = grow(this.positiveScores, capacity);
    this.negativeScores = grow(this.negativeScores, capacity);
    this.queryOfPair = grow(this.queryOfPair, capacity);
    this.positiveCodes = grow(this.positiveCodes, capacity);
    this.negativeCodes = grow(this.negativeCodes, capacity);
  }

  /** Adds one pair; ids are codes from `this.ids`. */
  add(
    queryCode: number,
    positiveCode: number,
    negativeCode: number,
    positive: number,
    negative: number,
  ): void {
    if (this.size === this.positiveScores.length) this.reserve(Math.ceil(this.size * 1.5) + 1024);
    let query = this.queryIndexByCode.get(queryCode);
    if (query === undefined) {
      query = this.queryCodes.length;
      this.queryIndexByCode.set(queryCode, query);
      this.queryCodes.push(queryCode);
    }
    const k = this.size++;
    this.positiveScores[k] = positive;
    this.negativeScores[k] = negative;
    this.queryOfPair[k] = query;
    this.positiveCodes[k] = positiveCode;
    this.negativeCodes[k] = negativeCode;
  }

  /** Trims the arrays, groups pairs by query (counting sort) and returns the store. */
  finish(): TeacherPairs {
    const size = this.size;
    const trim = <T extends Float32Array | Int32Array>(array: T): T =>
      array.length > size * 1.05 + 1024 ? (array.slice(0, size) as T) : (array.subarray(0, size) as T);
    const positiveScores = trim(this.positiveScores);
    const negativeScores = trim(this.negativeScores);
    const queryOfPair = trim(this.queryOfPair);
    const positiveCodes = trim(this.positiveCodes);
    const negativeCodes = trim(this.negativeCodes);
    const queryCount = this.queryCodes.length;
    const queryOffsets = new Int32Array(queryCount + 1);
    for (let k = 0; k < size; k++) {
      const q = (queryOfPair[k] as number) + 1;
      queryOffsets[q] = (queryOffsets[q] as number) + 1;
    }
    for (let q = 0; q < queryCount; q++)
      queryOffsets[q + 1] = (queryOffsets[q + 1] as number) + (queryOffsets[q] as number);
    const cursor = queryOffsets.slice(0, queryCount);
    const pairsByQuery = new Int32Array(size);
    for (let k = 0; k < size; k++) {
      const q = queryOfPair[k] as number;
      pairsByQuery[cursor[q] as number] = k;
      cursor[q] = (cursor[q] as number) + 1;
    }
    const ids = this.ids;
    const queryCodes = Int32Array.from(this.queryCodes);
    const queryIndexByCode = this.queryIndexByCode;
    return {
      size,
      queryCount,
      positiveScores,
      negativeScores,
      queryOfPair,
      positiveCodes,
      negativeCodes,
      queryOffsets,
      pairsByQuery,
      queryId: (index) => ids.text(queryCodes[index] as number),
      queryIndexOf: (id) => {
        const code = ids.lookup(id);
        return code === undefined ? undefined : queryIndexByCode.get(code);
      },
      passageId: (code) => ids.text(code),
    };
  }
}

/** One pair as plain values (for tests and small in-memory data). */
export interface TeacherPairRecord {
  readonly queryId: string;
  readonly positiveId: string;
  readonly negativeId: string;
  readonly positiveScore: number;
  readonly negativeScore: number;
}

/** Builds a {@link TeacherPairs} store from plain records (small data; files go through `readTeacherPairs`). */
export function teacherPairsFromRecords(records: Iterable<TeacherPairRecord>): TeacherPairs {
  const builder = new TeacherPairsBuilder();
  const ids = builder.ids;
  let index = 0;
  for (const r of records) {
    if (!Number.isFinite(r.positiveScore) || !Number.isFinite(r.negativeScore)) {
      throw new RetrievekitError(
        'NON_FINITE',
        `pair ${index} has scores ${r.positiveScore} and ${r.negativeScore}`,
        {
          where: { index },
          hint: 'teacher scores must be finite numbers',
        },
      );
    }
    if (r.queryId === '' || r.positiveId === '' || r.negativeId === '') {
      throw new RetrievekitError('INVALID_ARGUMENT', `pair ${index} has an empty id`, { where: { index } });
    }
    index++;
    builder.add(
      ids.codeOfText(r.queryId),
      ids.codeOfText(r.positiveId),
      ids.codeOfText(r.negativeId),
      r.positiveScore,
      r.negativeScore,
    );
  }
  return builder.finish();
}
