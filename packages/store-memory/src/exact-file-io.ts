import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';
import { RetrievekitError } from '@retrievekit/core';
import type { ExactRows } from './exact-rows.js';
import type { ManifestFile } from './manifest.js';

const CHUNK_ROWS = 256;

/**
 * Writes the exact vectors of store rows `0..location.length-1` (in row order) to `path` atomically
 * (temp file, fsync, rename), streaming in chunks so memory stays small. Returns its manifest entry.
 */
export async function writeExactFile(
  path: string,
  name: string,
  exact: ExactRows,
  location: Int32Array,
): Promise<ManifestFile> {
  const temporary = `${path}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  const handle = await open(temporary, 'w');
  const hash = createHash('sha256');
  const { dim } = exact;
  const chunk = new Float32Array(CHUNK_ROWS * dim);
  try {
    for (let first = 0; first < location.length; first += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, location.length - first);
      for (let r = 0; r < rows; r++)
        exact.read(location[first + r] as number, chunk.subarray(r * dim, (r + 1) * dim));
      const bytes = new Uint8Array(chunk.buffer, 0, rows * dim * 4);
      hash.update(bytes);
      await handle.write(bytes);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  return { name, bytes: location.length * dim * 4, sha256: hash.digest('hex') };
}

/** Checks size and SHA-256 of a saved exact-vector file by streaming it; `CORRUPT_DATA` on mismatch. */
export async function verifyExactFile(path: string, file: ManifestFile): Promise<void> {
  const size = await stat(path).then(
    (info) => info.size,
    () => -1,
  );
  if (size !== file.bytes) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `exact vector file has ${size} bytes, the manifest says ${file.bytes}`,
      {
        where: { file: path },
        hint: 'the file is missing, truncated or replaced; save the store again',
      },
    );
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== file.sha256) {
    throw new RetrievekitError('CORRUPT_DATA', 'SHA-256 of the file does not match the manifest', {
      where: { file: path },
      hint: 'the file is damaged; save the store again',
    });
  }
}
