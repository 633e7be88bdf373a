import { StringDecoder } from 'node:string_decoder';
import { throwIfAborted } from '@retrievekit/core';
import { openBytes } from './open-bytes.js';
import type { ReadOptions, SourceLocation, TextSource } from './text-source.js';
import { sourceName } from './text-source.js';

/** One line of a text file, without its line terminator (`\n` or `\r\n`). */
export interface SourceLine extends SourceLocation {
  /** The line's text. A UTF-8 byte order mark at the start of the file is removed. */
  readonly text: string;
}

/**
 * Streams the lines of a plain or gzip text file in batches (the lines completed by each chunk read), with
 * bounded memory: one chunk plus the current partial line. Parsers loop over a batch synchronously, which
 * keeps the per-line cost of async iteration off the hot path. Checks `signal` once per batch.
 */
export async function* readLineBatches(
  source: TextSource,
  options: ReadOptions = {},
): AsyncGenerator<SourceLine[]> {
  const file = sourceName(source);
  const what = `reading ${file}`;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  const make = (raw: string): SourceLine => {
    line += 1;
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { file, line, text };
  };
  throwIfAborted(options.signal, what);
  for await (const chunk of openBytes(source)) {
    throwIfAborted(options.signal, what);
    const text = pending + decoder.write(chunk as Buffer);
    const batch: SourceLine[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      batch.push(make(text.slice(start, end)));
      start = end + 1;
    }
    pending = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  pending += decoder.end();
  if (pending.length > 0) yield [make(pending)];
}

/**
 * Streams the lines of a plain or gzip text file with bounded memory (one chunk plus the current line).
 * Accepts `\n` and `\r\n` line ends; a last line without a terminator is still returned.
 *
 * @example
 * ```ts
 * for await (const { text, file, line } of readLines('queries.tsv.gz')) console.log(file, line, text);
 * ```
 */
export async function* readLines(source: TextSource, options: ReadOptions = {}): AsyncGenerator<SourceLine> {
  for await (const batch of readLineBatches(source, options)) yield* batch;
}
