import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RetrievekitError } from '@retrievekit/core';

async function writeSynced(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // some platforms (Windows) cannot fsync a directory; the rename is still atomic there
  } finally {
    await handle.close();
  }
}

/**
 * Writes `files` into folder `dir` atomically: everything goes to a sibling temporary folder, each file
 * is fsynced, then the folder is renamed into place (an existing folder is moved aside first and removed
 * after). Readers see either the old complete folder or the new complete one.
 */
export async function writeFolderAtomically(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = `${target}.tmp-${suffix}`;
  await mkdir(temp);
  try {
    for (const [name, bytes] of Object.entries(files)) await writeSynced(path.join(temp, name), bytes);
    await syncDirectory(temp);
    let old: string | undefined;
    const existing = await stat(target).catch(() => undefined);
    if (existing !== undefined) {
      old = `${target}.old-${suffix}`;
      await rename(target, old);
    }
    await rename(temp, target);
    await syncDirectory(parent);
    if (old !== undefined) await rm(old, { recursive: true, force: true });
  } catch (cause) {
    await rm(temp, { recursive: true, force: true });
    throw cause;
  }
}

/** Reads a file of a saved index; a missing file is `NOT_FOUND`. */
export async function readIndexFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (cause) {
    throw new RetrievekitError('NOT_FOUND', `cannot read index file (${(cause as Error).message})`, {
      where: { file },
      hint: 'pass the folder written by save*Index',
      cause,
    });
  }
}
