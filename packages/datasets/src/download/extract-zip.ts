import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import yauzl from 'yauzl';

/**
 * Checks one zip entry name and returns its path segments; throws `CORRUPT_DATA` for anything that could
 * land outside the target folder (absolute paths, drive letters, `..`, backslashes, NUL).
 */
export function safeEntrySegments(name: string, zipPath: string): string[] {
  const unsafe = (why: string): RetrievekitError =>
    new RetrievekitError('CORRUPT_DATA', `refusing zip entry "${name}": ${why}`, {
      where: { file: zipPath },
      hint: 'the archive tries to write outside its folder; it is not a genuine dataset zip, so it was deleted',
    });
  if (name.includes('\0')) throw unsafe('the name contains a NUL byte');
  if (name.includes('\\')) throw unsafe('the name contains a backslash');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe('absolute path');
  const segments = name.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw unsafe('path traversal ("..")');
  return segments;
}

/**
 * Extracts a zip file into `targetDir` (which must exist), entry by entry as streams, refusing unsafe entry
 * names (see {@link safeEntrySegments}) before writing anything of them. Reports progress in entries and
 * checks `signal` between entries. Symbolic links are written as plain files, never followed.
 */
export async function extractZip(
  zipPath: string,
  targetDir: string,
  options: LongTaskOptions = {},
): Promise<number> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new RetrievekitError('CORRUPT_DATA', `not a readable zip file: ${(error as Error).message}`, {
      where: { file: zipPath },
      cause: error,
    });
  }
  let extracted = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      throwIfAborted(options.signal, `extracting ${zipPath}`);
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
      const segments = safeEntrySegments(name, zipPath);
      if (segments.length === 0) continue;
      const target = join(targetDir, ...segments);
      if (name.endsWith('/')) {
        await mkdir(target, { recursive: true });
      } else {
        await mkdir(dirname(target), { recursive: true });
        const content = await zip.openReadStreamPromise(entry);
        await pipeline(content, createWriteStream(target, { flags: 'wx' }));
      }
      extracted += 1;
      options.onProgress?.({ done: extracted, total: zip.entryCount, unit: 'entries' });
    }
  } catch (error) {
    if (RetrievekitError.isInstance(error)) throw error;
    throw new RetrievekitError('CORRUPT_DATA', `zip extraction failed: ${(error as Error).message}`, {
      where: { file: zipPath },
      hint: 'delete the zip and download it again',
      cause: error,
    });
  } finally {
    zip.close();
  }
  return extracted;
}
