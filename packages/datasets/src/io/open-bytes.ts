import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { RetrievekitError } from '@retrievekit/core';
import type { TextSource } from './text-source.js';
import { sourceName } from './text-source.js';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** True when `head` starts with the gzip magic bytes 1f 8b. */
export function isGzipHeader(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}

function fileChunks(path: string): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
      try {
        for await (const chunk of stream) yield chunk as Buffer;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          throw new RetrievekitError('NOT_FOUND', 'file does not exist', {
            where: { file: path },
            cause: error,
          });
        }
        if (code === 'EISDIR') {
          throw new RetrievekitError('INVALID_ARGUMENT', 'is a directory, expected a file', {
            where: { file: path },
            cause: error,
          });
        }
        throw error;
      } finally {
        stream.destroy();
      }
    },
  };
}

async function* gunzip(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  const decompressor = createGunzip();
  let inputError: unknown;
  pipeline(Readable.from(chunks, { objectMode: false }), decompressor, (error) => {
    if (error) inputError = error;
  });
  try {
    for await (const chunk of decompressor) yield chunk as Buffer;
  } catch (error) {
    if (RetrievekitError.isInstance(inputError)) throw inputError;
    if (RetrievekitError.isInstance(error)) throw error;
    throw new RetrievekitError('CORRUPT_DATA', 'gzip data is corrupt or truncated', {
      where: { file: name },
      hint: 'download the file again; `gzip -t FILE` checks it',
      cause: error,
    });
  } finally {
    decompressor.destroy();
  }
}

/**
 * Streams the bytes of a source, decompressing gzip when the content starts with the gzip magic bytes
 * (whatever the file is called). Throws `NOT_FOUND` for a missing file, `CORRUPT_DATA` for bad gzip.
 */
export async function* openBytes(source: TextSource): AsyncGenerator<Uint8Array> {
  const name = sourceName(source);
  const iterator = (typeof source === 'string' ? fileChunks(source) : source.stream)[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let ended = false;
  try {
    while (head.length < 2) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head = Buffer.concat([head, next.value]);
    }
    async function* rest(): AsyncGenerator<Uint8Array> {
      if (head.length > 0) yield head;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    }
    if (isGzipHeader(head)) yield* gunzip(rest(), name);
    else yield* rest();
  } finally {
    await iterator.return?.();
  }
}
