import type { Qrels } from '@retrievekit/core';
import type { ReadOptions, TextSource } from '../io/text-source.js';
import { readQrelsMap } from '../qrels-map.js';

/**
 * Reads a whole TREC qrels file (`qid iter docno rel`; MS MARCO `qrels.*.tsv` too), plain or gzip, into
 * a {@link Qrels} map, through `@retrievekit/metrics`' parser. A pair judged twice throws `DUPLICATE_ID`.
 * For files too large for memory stream {@link readTrecJudgments} instead.
 */
export function readTrecQrels(source: TextSource, options: ReadOptions = {}): Promise<Qrels> {
  return readQrelsMap(source, 'trec', options);
}
