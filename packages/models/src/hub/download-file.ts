import { existsSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { assertRepoId, assertRepoPath, snapshotDir } from './cache-paths.js';
import { etagHash, hashFile } from './file-hash.js';
import { hubGet, isUnreachable } from './http-get.js';
import type { ResolvedHubOptions } from './hub-config.js';
import { httpError, missingFileError } from './hub-errors.js';

/** `{endpoint}/{repo}/resolve/{revision}/{path}` with each path segment escaped. */
export function resolveUrl(endpoint: string, repo: string, revision: string, path: string): string {
  const escaped = path.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/${repo}/resolve/${encodeURIComponent(revision)}/${escaped}`;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function expectedSize(headers: Headers, response: Response): number | undefined {
  const linked = headers.get('x-linked-size');
  if (linked !== null) return Number(linked);
  const range = response.headers.get('content-range')?.match(/\/(\d+)$/);
  if (range?.[1] !== undefined) return Number(range[1]);
  const length = response.headers.get('content-length');
  return response.status === 200 && length !== null ? Number(length) : undefined;
}

/** Reads the next chunk, or rejects with `ABORTED` as soon as the signal fires (even while waiting). */
function readOrAbort(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  signal: AbortSignal | undefined,
): ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> {
  if (signal === undefined) return reader.read();
  throwIfAborted(signal, 'download');
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reader.cancel().catch(() => undefined);
      reject(new RetrievekitError('ABORTED', 'download was cancelled', { cause: signal.reason }));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Streams a response body to the end of `part`; returns false when the transfer broke off. */
async function appendBody(
  response: Response,
  part: string,
  truncate: boolean,
  report: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const handle = await open(part, truncate ? 'w' : 'a');
  try {
    if (response.body === null) return true;
    const reader = response.body.getReader();
    while (true) {
      const { done, value } = await readOrAbort(reader, signal);
      if (done) return true;
      await handle.write(value);
      report(value.byteLength);
    }
  } catch (error) {
    throwIfAborted(signal, 'download');
    if (RetrievekitError.isInstance(error)) throw error;
    return false;
  } finally {
    await handle.sync();
    await handle.close();
  }
}

/**
 * Downloads one file of a hub repository at a commit into the cache (or returns the cached copy):
 * resumes a `.part` file with a `Range` request, retries a broken transfer `options.retries` times,
 * checks the size and the hash the hub names (`X-Linked-Etag` sha256 for LFS files, the git blob sha1
 * `ETag` for small files), then renames the `.part` into place.
 *
 * @returns the absolute path of the cached file
 * @throws `OFFLINE` (offline mode or host unreachable) naming the file and how to supply it;
 *   `NOT_FOUND` for a 404; `CHECKSUM_MISMATCH`; `NETWORK`; `ABORTED`
 */
export async function downloadHubFile(
  repo: string,
  path: string,
  commit: string,
  options: ResolvedHubOptions,
): Promise<string> {
  assertRepoId(repo);
  assertRepoPath(path);
  const target = join(snapshotDir(options.cacheDir, repo, commit), path);
  if (existsSync(target)) return target;
  if (options.offline) throw missingFileError(repo, path, commit, 'offline mode (HF_HUB_OFFLINE)', target);
  await mkdir(dirname(target), { recursive: true });
  const part = `${target}.part`;
  const url = resolveUrl(options.endpoint, repo, commit, path);
  const tokenOrigin = new URL(options.endpoint).origin;
  let lastFailure = 'no attempt made';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    throwIfAborted(options.signal, 'download');
    const have = await sizeOf(part);
    const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
    let got: Awaited<ReturnType<typeof hubGet>>;
    try {
      got = await hubGet(url, { token: options.token, tokenOrigin, headers, signal: options.signal });
    } catch (error) {
      throwIfAborted(options.signal, 'download');
      if (isUnreachable(error))
        throw missingFileError(repo, path, commit, `${options.endpoint} is unreachable`, target, error);
      lastFailure = String(error);
      continue;
    }
    const { response, firstHeaders } = got;
    if (response.status === 416) {
      await response.body?.cancel();
      await unlink(part).catch(() => undefined);
      continue;
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw httpError(response.status, url, repo, path);
    }
    const resumed =
      response.status === 206 && response.headers.get('content-range')?.startsWith(`bytes ${have}-`) === true;
    const total = expectedSize(firstHeaders, response);
    let done = resumed ? have : 0;
    const report = (bytes: number) => {
      done += bytes;
      options.onProgress?.({ done, total, unit: 'bytes' });
    };
    if (!(await appendBody(response, part, !resumed, report, options.signal))) {
      lastFailure = `transfer broke off after ${done} bytes`;
      continue;
    }
    const size = await sizeOf(part);
    if (total !== undefined && size < total) {
      lastFailure = `transfer ended after ${size} of ${total} bytes`;
      continue;
    }
    if (total !== undefined && size > total) {
      await unlink(part);
      throw new RetrievekitError('CHECKSUM_MISMATCH', `got ${size} bytes, the hub announced ${total}`, {
        where: { file: url },
      });
    }
    const expected = etagHash(firstHeaders.get('x-linked-etag') ?? firstHeaders.get('etag'));
    if (expected !== undefined) {
      const actual = await hashFile(part, expected.kind, size);
      if (actual !== expected.hex) {
        await unlink(part);
        throw new RetrievekitError(
          'CHECKSUM_MISMATCH',
          `${expected.kind} of the download is ${actual}, the hub announced ${expected.hex}`,
          {
            where: { file: url },
            hint: 'the file was corrupted in transit or by a proxy; the partial file was deleted, try again',
          },
        );
      }
    }
    await rename(part, target);
    return target;
  }
  throw new RetrievekitError(
    'NETWORK',
    `download of "${path}" failed after ${options.retries + 1} attempts: ${lastFailure}`,
    {
      where: { file: url },
      hint: 'run again to resume from the partial file',
    },
  );
}
