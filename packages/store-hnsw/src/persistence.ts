import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { syncPath, writeFileAtomic } from '@retrievekit/core/node';
import type { Index } from 'usearch';
import type { HnswStoreConfig } from './hnsw-options.js';
import type { ManifestFile } from './manifest.js';
import { MANIFEST_FORMAT, MANIFEST_NAME } from './manifest.js';
import type { RecordSlots } from './record-slots.js';

/** Throws `UNSUPPORTED` on big-endian machines (saved float32 files are little-endian). */
export function checkEndianness(): void {
  if (endianness() !== 'LE') {
    throw new RetrievekitError('UNSUPPORTED', 'saved stores are little-endian; this machine is big-endian');
  }
}

/** SHA-256 of bytes, hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const OWN_FILE = /^(index|vectors|records)-[\w-]+\.(usearch|bin|json)(\.\w+\.tmp)?$/;

/**
 * Saves a store into `dir`: usearch's index file (written to a temp name, fsynced, renamed), the
 * float32 vectors and the ids + metadata (each written atomically), all named with a fresh generation
 * tag; then `manifest.json` (sizes + SHA-256 of the three files) atomically; then the folder is
 * fsynced and the previous generation's files are removed. The manifest rename is the commit point:
 * a crash leaves the old store or the new one. The snapshot is taken synchronously (writes that
 * start during the save are not in it).
 */
export async function saveHnswStore(
  config: HnswStoreConfig,
  index: Index,
  slots: RecordSlots,
  dir: string,
  options: LongTaskOptions,
): Promise<void> {
  checkEndianness();
  throwIfAborted(options.signal, 'save');
  await mkdir(dir, { recursive: true });
  const generation = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const indexName = `index-${generation}.usearch`;
  const indexTemporary = join(dir, `${indexName}.${randomBytes(4).toString('hex')}.tmp`);
  // Synchronous snapshot: usearch's file, the vectors and the records as of now.
  index.save(indexTemporary);
  const vectors = slots.vectors.slice(0, slots.slots * slots.dim);
  const records = JSON.stringify({
    ids: slots.ids.map((id) => id ?? null),
    metadata: slots.metadata.map((entry) => entry ?? null),
  });
  const count = slots.count;
  const total = 4;
  await syncPath(indexTemporary);
  await rename(indexTemporary, join(dir, indexName));
  const indexBytes = await readFile(join(dir, indexName));
  const files: Record<string, ManifestFile> = {
    index: { name: indexName, bytes: indexBytes.byteLength, sha256: sha256(indexBytes) },
  };
  options.onProgress?.({ done: 1, total, unit: 'files' });
  const parts: [string, string, Uint8Array][] = [
    ['vectors', `vectors-${generation}.bin`, new Uint8Array(vectors.buffer, 0, vectors.byteLength)],
    ['records', `records-${generation}.json`, new TextEncoder().encode(records)],
  ];
  for (const [key, name, bytes] of parts) {
    throwIfAborted(options.signal, 'save');
    await writeFileAtomic(join(dir, name), bytes);
    files[key] = { name, bytes: bytes.byteLength, sha256: sha256(bytes) };
    options.onProgress?.({ done: Object.keys(files).length, total, unit: 'files' });
  }
  const manifest = { format: MANIFEST_FORMAT, version: 1, config, count, slots: slots.slots, files };
  await writeFileAtomic(join(dir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  await syncPath(dir);
  options.onProgress?.({ done: total, total, unit: 'files' });
  const keep = new Set(Object.values(files).map((file) => file.name));
  for (const entry of await readdir(dir)) {
    if (OWN_FILE.test(entry) && !keep.has(entry)) await unlink(join(dir, entry)).catch(() => undefined);
  }
}

/** Reads a file named by the manifest, checking its size and SHA-256 (`CORRUPT_DATA` otherwise). */
export async function readChecked(dir: string, file: ManifestFile): Promise<Uint8Array> {
  const path = join(dir, file.name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new RetrievekitError('CORRUPT_DATA', 'a file named by the manifest cannot be read', {
      where: { file: path },
      hint: 'the store folder is incomplete; save the store again',
      cause,
    });
  }
  if (bytes.byteLength !== file.bytes) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `file has ${bytes.byteLength} bytes, the manifest says ${file.bytes}`,
      {
        where: { file: path },
        hint: 'the file is truncated or replaced; save the store again',
      },
    );
  }
  if (sha256(bytes) !== file.sha256) {
    throw new RetrievekitError('CORRUPT_DATA', 'SHA-256 of the file does not match the manifest', {
      where: { file: path },
      hint: 'the file is damaged; save the store again',
    });
  }
  return bytes;
}
