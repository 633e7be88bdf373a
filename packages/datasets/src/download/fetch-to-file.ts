import { open, rm, stat } from 'node:fs/promises';
import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { networkCauseCode, offlineError } from './download-errors.js';

/** Options of {@link fetchToFile}. */
export interface FetchToFileOptions extends LongTaskOptions {
  /** The fetch to use; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Hint of the `OFFLINE` error: how to get along without the network. */
  offlineHint: string;
}

/** Result of {@link fetchToFile}. */
export interface FetchedFile {
  /** Bytes now in the file. */
  size: number;
  /** Size the server announced (Content-Length / Content-Range), when it did. */
  expectedSize: number | undefined;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function contentLength(response: Response): number | undefined {
  const value = response.headers.get('content-length');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

function parseContentRange(value: string | null): { start: number; total: number | undefined } | undefined {
  const match = value === null ? null : /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(value.trim());
  if (match === null) return undefined;
  return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}

/**
 * Downloads `url` into `partPath`, resuming from the bytes already there with an HTTP Range request
 * (a server that ignores Range restarts the file from zero). The file is fsynced before returning.
 * A transfer cut short keeps what arrived and throws `NETWORK` (run again to resume); cancellation keeps it
 * too and throws `ABORTED`; no connection throws `OFFLINE`; HTTP 404 throws `NOT_FOUND`.
 */
export async function fetchToFile(
  url: string,
  partPath: string,
  options: FetchToFileOptions,
): Promise<FetchedFile> {
  const { signal, onProgress } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const offset = await sizeOf(partPath);
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    if (signal?.aborted)
      throw new RetrievekitError('ABORTED', `download of ${url} was cancelled`, { cause: error });
    throw offlineError(url, error, options.offlineHint);
  }
  if (response.status === 416 && offset > 0) {
    // The partial file is not a prefix the server can continue: start again from zero.
    await response.body?.cancel();
    await rm(partPath, { force: true });
    return fetchToFile(url, partPath, options);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    throw new RetrievekitError('NOT_FOUND', `${url} does not exist (HTTP 404)`, {
      hint: 'check the dataset name; the BEIR README lists the public ones',
    });
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new RetrievekitError('NETWORK', `${url} answered HTTP ${response.status} ${response.statusText}`, {
      hint: 'try again later',
    });
  }
  const range =
    response.status === 206 ? parseContentRange(response.headers.get('content-range')) : undefined;
  if (response.status === 206 && range?.start !== offset) {
    await response.body.cancel();
    await rm(partPath, { force: true });
    throw new RetrievekitError('NETWORK', `${url} resumed at the wrong offset (asked for byte ${offset})`, {
      hint: 'run again: the download restarts from zero',
    });
  }
  const resumed = response.status === 206;
  const length = contentLength(response);
  const expectedSize = resumed
    ? (range?.total ?? (length === undefined ? undefined : offset + length))
    : length;
  let done = resumed ? offset : 0;
  const file = await open(partPath, resumed ? 'a' : 'w');
  try {
    onProgress?.({ done, ...(expectedSize === undefined ? {} : { total: expectedSize }), unit: 'bytes' });
    for await (const chunk of response.body) {
      await file.write(chunk);
      done += chunk.byteLength;
      onProgress?.({ done, ...(expectedSize === undefined ? {} : { total: expectedSize }), unit: 'bytes' });
    }
    await file.sync();
  } catch (error) {
    await file.sync().catch(() => undefined);
    if (signal?.aborted) {
      throw new RetrievekitError('ABORTED', `download of ${url} was cancelled after ${done} bytes`, {
        hint: `${partPath} is kept; the next call resumes from there`,
        cause: error,
      });
    }
    const of = expectedSize === undefined ? '' : ` of ${expectedSize}`;
    throw new RetrievekitError(
      'NETWORK',
      `transfer of ${url} broke off after ${done}${of} bytes (${networkCauseCode(error)})`,
      {
        hint: `run again: the download resumes from ${partPath}`,
        cause: error,
      },
    );
  } finally {
    await file.close();
  }
  return { size: done, expectedSize };
}
