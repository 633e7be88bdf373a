import { open, rename, unlink } from 'node:fs/promises';

/**
 * Writes `data` to `path` atomically and durably: into `path.<random>.tmp`, fsync, rename over `path`.
 * A crash leaves either the old file or the new one, never a mix. Call {@link syncDirectory} after the
 * last rename so the renames themselves are durable.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}

/** fsyncs a directory so that renames and creations in it survive a crash. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
