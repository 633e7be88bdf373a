import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { throwIfAborted } from '../errors.js';

/** What {@link writeFileAtomic} writes: bytes, text, or a (possibly async) stream of chunks. */
export type AtomicContent =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

/** Options of {@link writeFileAtomic}. */
export interface WriteAtomicOptions {
  /** Also fsync the containing folder, so the rename itself survives a crash. Default true. */
  syncFolder?: boolean;
  /** Cancels the write between chunks; the temporary file is removed and the target left as it was. */
  signal?: AbortSignal;
}

/**
 * Writes `content` to `path` atomically and durably: into a hidden temporary file beside it, fsync,
 * rename over `path`, then fsync the folder. A crash or a cancellation leaves either the old file or
 * the whole new one, never a mix, and never a stray temporary file after an error.
 *
 * @example
 * ```ts
 * await writeFileAtomic('index/manifest.json', JSON.stringify(manifest));
 * await writeFileAtomic('run.txt', linesOf(run)); // any (async) iterable of strings or bytes
 * ```
 */
export async function writeFileAtomic(
  path: string,
  content: AtomicContent,
  options: WriteAtomicOptions = {},
): Promise<void> {
  throwIfAborted(options.signal, `writing ${path}`);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) {
      await handle.writeFile(content);
    } else {
      for await (const chunk of content) {
        throwIfAborted(options.signal, `writing ${path}`);
        if (typeof chunk === 'string') await handle.write(chunk);
        else await handle.write(chunk);
      }
    }
    await handle.sync();
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  if (options.syncFolder ?? true) await syncPath(dirname(path));
}

/** fsyncs a file, or a folder so that file creations and renames in it survive a crash. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
