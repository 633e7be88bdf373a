import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import type { LongTaskOptions, Metadata } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { syncPath, writeFileAtomic } from '@retrievekit/core/node';
import { verifyExactFile, writeExactFile } from './exact-file-io.js';
import { decodeIds, encodeIds } from './ids-codec.js';
import type { ManifestFile, StoreManifest } from './manifest.js';
import { MANIFEST_FORMAT, MANIFEST_NAME, parseManifest } from './manifest.js';
import type { StoreSnapshot } from './snapshot.js';

function checkEndianness(): void {
  if (endianness() !== 'LE') {
    throw new RetrievekitError(
      'UNSUPPORTED',
      'persisted stores are little-endian; this machine is big-endian',
    );
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Saves `snapshot` into `dir`: binary files named with a fresh generation tag, each written atomically
 * (temp file, fsync, rename), then `manifest.json` (sizes + SHA-256 of every file) the same way, then
 * the directory is fsynced and the previous generation's files are removed. The manifest rename is the
 * commit point: a crash leaves the old store or the new one.
 */
export async function saveMemoryStore(
  snapshot: StoreSnapshot,
  dir: string,
  options: LongTaskOptions,
): Promise<void> {
  checkEndianness();
  throwIfAborted(options.signal, 'save');
  await mkdir(dir, { recursive: true });
  const generation = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const parts: [string, Uint8Array][] = [
    ['vectors', new Uint8Array(snapshot.codes.buffer, snapshot.codes.byteOffset, snapshot.codes.byteLength)],
    ['ids', encodeIds(snapshot.ids)],
  ];
  if (snapshot.storage === 'int8') {
    parts.push([
      'scales',
      new Uint8Array(snapshot.scales.buffer, snapshot.scales.byteOffset, snapshot.scales.byteLength),
    ]);
  }
  if (snapshot.metadata.some((entry) => entry !== undefined)) {
    parts.push([
      'metadata',
      new TextEncoder().encode(JSON.stringify(snapshot.metadata.map((m) => m ?? null))),
    ]);
  }
  const files: Record<string, ManifestFile> = {};
  let done = 0;
  for (const [key, bytes] of parts) {
    throwIfAborted(options.signal, 'save');
    const name = `${key}-${generation}.bin`;
    await writeFileAtomic(join(dir, name), bytes);
    files[key] = { name, bytes: bytes.byteLength, sha256: sha256(bytes) };
    options.onProgress?.({ done: ++done, total: parts.length + 1, unit: 'files' });
  }
  if (snapshot.exact !== undefined) {
    const name = `exact-${generation}.bin`;
    files.exact = await writeExactFile(join(dir, name), name, snapshot.exact.rows, snapshot.exact.location);
  }
  const manifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    dim: snapshot.dim,
    metric: snapshot.metric,
    storage: snapshot.storage,
    count: snapshot.count,
    ...(snapshot.exact?.candidates === undefined ? {} : { rescoreCandidates: snapshot.exact.candidates }),
    files,
  };
  await writeFileAtomic(join(dir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  await syncPath(dir);
  options.onProgress?.({ done: parts.length + 1, total: parts.length + 1, unit: 'files' });
  const keep = new Set(Object.values(files).map((file) => file.name));
  for (const entry of await readdir(dir)) {
    if (/^(vectors|ids|scales|metadata|exact)-[\w-]+\.bin(\.\w+\.tmp)?$/.test(entry) && !keep.has(entry)) {
      await unlink(join(dir, entry)).catch(() => undefined);
    }
  }
}

async function readChecked(dir: string, file: ManifestFile): Promise<Uint8Array> {
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

function typedView<T>(
  bytes: Uint8Array,
  make: (buffer: ArrayBuffer, offset: number, length: number) => T,
  size: number,
): T {
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return make(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / size);
}

/** Reads and verifies a store saved by {@link saveMemoryStore}. */
export async function loadMemorySnapshot(dir: string, options: LongTaskOptions): Promise<StoreSnapshot> {
  checkEndianness();
  throwIfAborted(options.signal, 'open');
  const manifestPath = join(dir, MANIFEST_NAME);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (cause) {
    throw new RetrievekitError('NOT_FOUND', 'no memory store here (manifest.json is missing)', {
      where: { file: manifestPath },
      hint: 'save a store into this folder first',
      cause,
    });
  }
  const manifest: StoreManifest = parseManifest(text, manifestPath);
  const { dim, count, storage, files } = manifest;
  const elementSize = storage === 'f32' ? 4 : storage === 'f16' ? 2 : 1;
  if (files.vectors.bytes !== count * dim * elementSize) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `vectors file size does not match ${count} x ${dim} ${storage}`,
      {
        where: { file: manifestPath, field: 'files.vectors.bytes' },
      },
    );
  }
  const vectorBytes = await readChecked(dir, files.vectors);
  const codes =
    storage === 'f32'
      ? typedView(vectorBytes, (b, o, n) => new Float32Array(b, o, n), 4)
      : storage === 'f16'
        ? typedView(vectorBytes, (b, o, n) => new Uint16Array(b, o, n), 2)
        : typedView(vectorBytes, (b, o, n) => new Int8Array(b, o, n), 1);
  let scales = new Float32Array(0);
  if (files.scales !== undefined && storage === 'int8') {
    if (files.scales.bytes !== count * 4) {
      throw new RetrievekitError('CORRUPT_DATA', 'scales file size does not match the count', {
        where: { file: manifestPath, field: 'files.scales.bytes' },
      });
    }
    scales = typedView(await readChecked(dir, files.scales), (b, o, n) => new Float32Array(b, o, n), 4);
  }
  const ids = decodeIds(await readChecked(dir, files.ids), count, join(dir, files.ids.name));
  let metadata: (Metadata | undefined)[] = new Array(count).fill(undefined);
  if (files.metadata !== undefined) {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(await readChecked(dir, files.metadata)));
    if (!Array.isArray(parsed) || parsed.length !== count) {
      throw new RetrievekitError('CORRUPT_DATA', 'metadata does not hold one entry per vector', {
        where: { file: join(dir, files.metadata.name) },
      });
    }
    metadata = parsed.map((entry: Metadata | null) => entry ?? undefined);
  }
  let exactPath: string | undefined;
  if (files.exact !== undefined) {
    if (storage !== 'int8' || files.exact.bytes !== count * dim * 4) {
      throw new RetrievekitError('CORRUPT_DATA', `exact file does not hold ${count} x ${dim} float32`, {
        where: { file: manifestPath, field: 'files.exact' },
      });
    }
    exactPath = join(dir, files.exact.name);
    await verifyExactFile(exactPath, files.exact);
  }
  return {
    dim,
    metric: manifest.metric,
    storage,
    count,
    codes,
    scales,
    ids,
    metadata,
    ...(exactPath === undefined ? {} : { exactPath }),
    ...(manifest.rescoreCandidates === undefined ? {} : { rescoreCandidates: manifest.rescoreCandidates }),
  };
}
