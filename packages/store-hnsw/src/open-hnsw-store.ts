import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LongTaskOptions, Metadata } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { resolveHnswOptions } from './hnsw-options.js';
import { createUsearchIndex, HnswStore } from './hnsw-store.js';
import { MANIFEST_NAME, parseManifest } from './manifest.js';
import { checkEndianness, readChecked } from './persistence.js';
import { RecordSlots } from './record-slots.js';

/** Options of {@link openHnswStore}. */
export interface OpenHnswStoreOptions extends LongTaskOptions {
  /** Overrides the saved `expansionSearch` (efSearch): trade speed for recall without rebuilding. */
  readonly expansionSearch?: number;
}

function parseRecords(bytes: Uint8Array, slots: number, count: number, file: string) {
  const fail = (detail: string) =>
    new RetrievekitError('CORRUPT_DATA', detail, { where: { file }, hint: 'save the store again' });
  let value: { ids?: unknown; metadata?: unknown };
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new RetrievekitError('CORRUPT_DATA', 'records file is not valid JSON', { where: { file }, cause });
  }
  const { ids, metadata } = value;
  if (!Array.isArray(ids) || !Array.isArray(metadata) || ids.length !== slots || metadata.length !== slots) {
    throw fail(`records file does not hold ${slots} ids and metadata entries`);
  }
  const stored = ids.filter((id) => id !== null);
  if (stored.length !== count || stored.some((id) => typeof id !== 'string' || id.length === 0)) {
    throw fail(`records file does not hold ${count} non-empty string ids`);
  }
  return { ids: ids as (string | null)[], metadata: metadata as (Metadata | null)[] };
}

/**
 * Opens a store saved with `HnswStore.save`: checks the manifest, the size and SHA-256 of every file
 * (usearch's index file included), then loads the index into memory. Damage is `CORRUPT_DATA` naming
 * the file; a folder without a manifest is `NOT_FOUND`.
 *
 * @example
 * ```ts
 * await store.save('./my-index');
 * const again = await openHnswStore('./my-index', { expansionSearch: 128 });
 * ```
 */
export async function openHnswStore(dir: string, options: OpenHnswStoreOptions = {}): Promise<HnswStore> {
  checkEndianness();
  throwIfAborted(options.signal, 'open');
  const manifestPath = join(dir, MANIFEST_NAME);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (cause) {
    throw new RetrievekitError('NOT_FOUND', 'no HNSW store here (manifest.json is missing)', {
      where: { file: manifestPath },
      hint: 'save a store into this folder first',
      cause,
    });
  }
  const manifest = parseManifest(text, manifestPath);
  const config = resolveHnswOptions({
    ...manifest.config,
    expansionSearch: options.expansionSearch ?? manifest.config.expansionSearch,
  });
  const { files, slots: slotCount, count } = manifest;
  await readChecked(dir, files.index);
  const vectorBytes = await readChecked(dir, files.vectors);
  const recordsPath = join(dir, files.records.name);
  const records = parseRecords(await readChecked(dir, files.records), slotCount, count, recordsPath);
  throwIfAborted(options.signal, 'open');
  const slots = new RecordSlots(config.dim);
  slots.allocate(slotCount);
  const aligned = vectorBytes.byteOffset % 4 === 0 ? vectorBytes : vectorBytes.slice();
  slots.vectors.set(new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4));
  records.ids.forEach((id, slot) => {
    if (id === null) return;
    if (slots.slotOf.has(id)) {
      throw new RetrievekitError('CORRUPT_DATA', `stored id "${id}" appears twice`, {
        where: { file: recordsPath, index: slot },
      });
    }
    slots.write(slot, id, slots.vectors, slot, records.metadata[slot] ?? undefined);
  });
  slots.restoreFreeList();
  const index = createUsearchIndex(config);
  const indexPath = join(dir, files.index.name);
  try {
    index.load(indexPath);
  } catch (cause) {
    throw new RetrievekitError('CORRUPT_DATA', 'usearch cannot load the index file', {
      where: { file: indexPath },
      hint: 'save the store again',
      cause,
    });
  }
  if (index.size() !== count || index.dimensions() !== config.dim) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `index holds ${index.size()} vectors of dimension ${index.dimensions()}, the manifest says ${count} of ${config.dim}`,
      { where: { file: indexPath } },
    );
  }
  return new HnswStore(config, index, slots);
}
