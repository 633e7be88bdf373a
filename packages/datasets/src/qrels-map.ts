import { Readable } from 'node:stream';
import type { Qrels } from '@retrievekit/core';
import { readQrels } from '@retrievekit/metrics';
import type { ReadOptions, TextSource } from './io/text-source.js';
import { sourceName } from './io/text-source.js';

/**
 * Reads a qrels file into a {@link Qrels} map with `@retrievekit/metrics`' `readQrels` (the one qrels map
 * builder of retrievekit, trec_eval-exact): `'trec'` is `qid iter docno rel`, `'beir'` the TSV with header
 * `query-id corpus-id score`. Plain or gzip, LF or CRLF. A pair judged twice throws `DUPLICATE_ID`, an
 * empty file `EMPTY_INPUT`, each at file:line.
 */
export function readQrelsMap(
  source: TextSource,
  format: 'trec' | 'beir',
  options: ReadOptions = {},
): Promise<Qrels> {
  const input = typeof source === 'string' ? source : Readable.from(source.stream);
  return readQrels(input, {
    format,
    name: sourceName(source),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
