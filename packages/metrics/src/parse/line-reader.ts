import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';

/** A file path or a readable byte stream (plain or gzip, detected by its magic bytes). */
export type InputSource = string | Readable;

/** Called once per line: `bytes[start, end)` is the line without its `\n` or `\r\n`; `line` is 1-based. */
export type LineHandler = (bytes: Uint8Array, start: number, end: number, line: number) => void;

/** Name used in error messages for a source. */
export function sourceName(source: InputSource, name?: string): string {
  if (name !== undefined) return name;
  return typeof source === 'string' ? source : '<stream>';
}

async function* asBytes(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

async function* gunzipIfNeeded(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  const iterator = asBytes(stream)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => iterator,
  };
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    const feed = (async () => {
      try {
        gunzip.write(head);
        for await (const chunk of rest) {
          if (!gunzip.write(chunk)) await new Promise((resolve) => gunzip.once('drain', resolve));
        }
        gunzip.end();
      } catch (error) {
        gunzip.destroy(error as Error);
      }
    })();
    for await (const chunk of gunzip) yield chunk as Uint8Array;
    await feed;
    return;
  }
  yield head;
  for await (const chunk of rest) yield chunk;
}

/**
 * Called with a region `bytes[start, end)` holding whole lines only (each ending in `\n`, except possibly
 * the last region of the input); `firstLine` is the 1-based number of its first line. Returns the number
 * of lines it contained.
 */
export type ChunkHandler = (bytes: Uint8Array, start: number, end: number, firstLine: number) => number;

/**
 * Streams `source` in regions of whole lines without decoding it (the fast path of the parsers). Throws
 * `EMPTY_INPUT` for an empty input and `NOT_FOUND` for a missing file. Returns the number of lines.
 */
export async function forEachChunk(
  source: InputSource,
  onChunk: ChunkHandler,
  options: LongTaskOptions & { name?: string } = {},
): Promise<number> {
  const name = sourceName(source, options.name);
  const stream: Readable =
    typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  let carry: Uint8Array = new Uint8Array(0);
  let line = 1;
  let bytesSeen = 0;
  try {
    for await (const chunk of gunzipIfNeeded(stream)) {
      throwIfAborted(options.signal, `reading ${name}`);
      bytesSeen += chunk.length;
      let buf: Uint8Array = chunk;
      if (carry.length > 0) {
        const merged = Buffer.allocUnsafe(carry.length + chunk.length);
        merged.set(carry);
        merged.set(chunk, carry.length);
        buf = merged;
      }
      const lastNl = buf.lastIndexOf(10);
      if (lastNl >= 0) line += onChunk(buf, 0, lastNl + 1, line);
      carry = lastNl + 1 < buf.length ? Uint8Array.prototype.slice.call(buf, lastNl + 1) : new Uint8Array(0);
      options.onProgress?.({ done: bytesSeen, unit: 'bytes' });
    }
  } catch (error) {
    if (RetrievekitError.isInstance(error)) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') {
      throw new RetrievekitError('NOT_FOUND', 'file not found', {
        where: { file: name },
        hint: 'check the path',
        cause: error,
      });
    }
    throw new RetrievekitError('CORRUPT_DATA', `cannot read input: ${(error as Error).message}`, {
      where: { file: name },
      cause: error,
    });
  }
  if (carry.length > 0) line += onChunk(carry, 0, carry.length, line);
  if (bytesSeen === 0) {
    throw new RetrievekitError('EMPTY_INPUT', 'input is empty', {
      where: { file: name },
      hint: 'pass a non-empty file',
    });
  }
  return line - 1;
}

/**
 * Streams `source` line by line without decoding it, calling `onLine` for every line (CRLF and LF endings;
 * a missing final newline is fine). Returns the number of lines. Throws `EMPTY_INPUT` for an empty input and
 * `NOT_FOUND` for a missing file.
 */
export function forEachLine(
  source: InputSource,
  onLine: LineHandler,
  options: LongTaskOptions & { name?: string } = {},
): Promise<number> {
  return forEachChunk(
    source,
    (buf, start, end, firstLine) => {
      let line = firstLine;
      let s = start;
      while (s < end) {
        let nl = buf.indexOf(10, s);
        if (nl === -1 || nl >= end) nl = end;
        onLine(buf, s, nl > s && buf[nl - 1] === 13 ? nl - 1 : nl, line);
        line++;
        s = nl + 1;
      }
      return line - firstLine;
    },
    options,
  );
}
