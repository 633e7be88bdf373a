/** Where a line of input came from: the file (or stream name) and its 1-based line number. */
export interface SourceLocation {
  /** Path of the file, or the name given to a stream. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
}

/** An item read from a line-oriented file, with the file:line it came from (for later error messages). */
export type Located<T> = T & { readonly source: SourceLocation };

/** A named byte stream, for reading from something other than a file (an HTTP body, a zip entry...). */
export interface NamedStream {
  /** Name used in error messages in place of a path. */
  name: string;
  /** The raw bytes; gzip is detected and decompressed as for files. */
  stream: AsyncIterable<Uint8Array>;
}

/** Input of every reader: a file path or a named byte stream. Plain or gzip (detected by magic bytes). */
export type TextSource = string | NamedStream;

/** Options of every streaming reader. */
export interface ReadOptions {
  /** Cancels reading; the iteration then throws `RetrievekitError` with code `ABORTED`. */
  signal?: AbortSignal;
}

/** Name of a source for error messages. */
export function sourceName(source: TextSource): string {
  return typeof source === 'string' ? source : source.name;
}
