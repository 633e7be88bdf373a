import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { BEIR_BASE_URL, BEIR_ZIP_MD5 } from './beir-checksums.js';
import { defaultDatasetCacheDir } from './cache-dir.js';
import { extractZip } from './extract-zip.js';
import { fetchToFile } from './fetch-to-file.js';
import { md5File } from './md5-file.js';

/** Options of {@link downloadBeirDataset}. */
export interface DownloadBeirOptions extends LongTaskOptions {
  /** Cache folder; default {@link defaultDatasetCacheDir} (`$RETRIEVEKIT_CACHE/datasets` or `~/.cache/retrievekit/datasets`). */
  cacheDir?: string;
  /** Where the zips are; `${baseUrl}/${name}.zip` is fetched. Default the public BEIR server. */
  baseUrl?: string;
  /** Expected md5 of the zip; default the one BEIR publishes for `name` ({@link BEIR_ZIP_MD5}), if any. */
  md5?: string;
  /** The fetch to use (a proxy-aware one, say); default the global `fetch`. */
  fetch?: typeof fetch;
}

/** Result of {@link downloadBeirDataset}. */
export interface DownloadedDataset {
  /** The dataset folder (holds `corpus.jsonl`, `queries.jsonl`, `qrels/`): pass it to `openBeirDataset`. */
  dir: string;
  /** True when the folder was already in the cache and nothing was downloaded. */
  cached: boolean;
  /** The URL of the zip. */
  url: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function verify(
  zipPath: string,
  url: string,
  expectedSize: number | undefined,
  md5: string | undefined,
) {
  const size = (await stat(zipPath)).size;
  if (expectedSize !== undefined && size !== expectedSize) {
    await rm(zipPath, { force: true });
    throw new RetrievekitError(
      'CHECKSUM_MISMATCH',
      `${url}: got ${size} bytes, the server announced ${expectedSize}`,
      {
        hint: 'the partial file was deleted; run again to download from scratch',
      },
    );
  }
  if (md5 === undefined) return;
  const actual = await md5File(zipPath);
  if (actual !== md5.toLowerCase()) {
    await rm(zipPath, { force: true });
    throw new RetrievekitError(
      'CHECKSUM_MISMATCH',
      `${url}: md5 is ${actual}, expected ${md5.toLowerCase()}`,
      {
        hint: 'the corrupt file was deleted; run again, and if it persists the file on the server changed',
      },
    );
  }
}

/** The folder a zip unpacked to: its single top-level folder when it has one (BEIR zips hold `name/...`). */
async function unpackedRoot(tempDir: string): Promise<string> {
  const entries = (await readdir(tempDir, { withFileTypes: true })).filter((e) => e.name !== '__MACOSX');
  const [only] = entries;
  return entries.length === 1 && only?.isDirectory() ? join(tempDir, only.name) : tempDir;
}

/**
 * Downloads a public BEIR dataset zip into a cache folder and unpacks it, returning the dataset folder.
 * A dataset already in the cache is returned without any network access. The download resumes a
 * previous partial one (`<name>.zip.part`, HTTP Range), is verified (md5 when known, else the announced
 * length; a mismatch deletes the file), and is unpacked into a temporary folder renamed into place at
 * the end, so the cache never holds half a dataset. Zip entries that would escape the folder are refused.
 *
 * Errors: `OFFLINE` (the server cannot be reached: the message names the URL and how to supply the folder
 * by hand), `NOT_FOUND` (HTTP 404), `NETWORK` (transfer broke off: run again to resume),
 * `CHECKSUM_MISMATCH`, `CORRUPT_DATA` (bad or unsafe zip), `ABORTED`.
 *
 * @example
 * ```ts
 * const { dir } = await downloadBeirDataset('scifact', {
 *   onProgress: ({ done, total }) => console.log(done, total),
 * });
 * const scifact = await openBeirDataset(dir);
 * ```
 */
export async function downloadBeirDataset(
  name: string,
  options: DownloadBeirOptions = {},
): Promise<DownloadedDataset> {
  if (!NAME.test(name)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `"${name}" is not a dataset name`, {
      where: { field: 'name' },
      hint: `BEIR names look like ${Object.keys(BEIR_ZIP_MD5).slice(0, 4).join(', ')}`,
    });
  }
  const cacheDir = options.cacheDir ?? defaultDatasetCacheDir();
  const url = `${(options.baseUrl ?? BEIR_BASE_URL).replace(/\/+$/, '')}/${name}.zip`;
  const dir = join(cacheDir, name);
  if (await exists(dir)) return { dir, cached: true, url };
  throwIfAborted(options.signal, `download of ${url}`);
  await mkdir(cacheDir, { recursive: true });
  const zipPath = join(cacheDir, `${name}.zip`);
  const partPath = `${zipPath}.part`;
  const md5 = options.md5 ?? BEIR_ZIP_MD5[name];
  if (!(await exists(zipPath))) {
    const fetched = await fetchToFile(url, partPath, {
      ...options,
      offlineHint: `check the network; or download ${name}.zip yourself, unzip it and pass the folder with --data DIR (openBeirDataset(DIR) in code), or put it in ${dir}`,
    });
    await verify(partPath, url, fetched.expectedSize, md5);
    await rename(partPath, zipPath);
  }
  const tempDir = await mkdtemp(join(cacheDir, `.${name}.extract-`));
  try {
    try {
      await extractZip(zipPath, tempDir, options);
    } catch (error) {
      if (RetrievekitError.hasCode(error, 'CORRUPT_DATA')) await rm(zipPath, { force: true });
      throw error;
    }
    await rename(await unpackedRoot(tempDir), dir).catch(async (error: unknown) => {
      if (!(await exists(dir))) throw error;
      // Another process finished the same dataset first: keep theirs.
    });
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
  await rm(zipPath, { force: true });
  return { dir, cached: false, url };
}
