import { RetrievekitError } from '@retrievekit/core';
import type { HnswStoreConfig } from './hnsw-options.js';
import { resolveHnswOptions } from './hnsw-options.js';

/** Name of the manifest of a saved HNSW store: the commit point of a save. */
export const MANIFEST_NAME = 'manifest.json';
/** Value of `format` in a manifest. */
export const MANIFEST_FORMAT = 'retrievekit-store-hnsw';

/** One file of a saved store, with its exact size and SHA-256. */
export interface ManifestFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** The JSON manifest of a saved HNSW store. */
export interface HnswManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly config: HnswStoreConfig;
  /** Stored records. */
  readonly count: number;
  /** Slots (usearch keys 0..slots-1, some free). */
  readonly slots: number;
  readonly files: {
    /** usearch's own index file (`Index.save`). */
    readonly index: ManifestFile;
    /** `slots x dim` float32 little-endian: the exact copy of the vectors. */
    readonly vectors: ManifestFile;
    /** JSON `{ ids, metadata }` by slot (`null` for a free slot / no metadata). */
    readonly records: ManifestFile;
  };
}

/** Parses and checks a manifest; any inconsistency is `CORRUPT_DATA` naming the file and field. */
export function parseManifest(text: string, file: string): HnswManifest {
  const fail = (field: string, detail: string, cause?: unknown) =>
    new RetrievekitError('CORRUPT_DATA', detail, {
      where: { file, field },
      hint: 'save the store again',
      cause,
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new RetrievekitError('CORRUPT_DATA', 'manifest is not valid JSON', { where: { file }, cause });
  }
  const manifest = value as HnswManifest;
  if (typeof value !== 'object' || value === null || manifest.format !== MANIFEST_FORMAT) {
    throw fail('format', `not a ${MANIFEST_FORMAT} manifest`);
  }
  if (manifest.version !== 1) throw fail('version', `unsupported version ${String(manifest.version)}`);
  try {
    resolveHnswOptions(manifest.config);
  } catch (cause) {
    throw fail('config', 'invalid store configuration', cause);
  }
  const { count, slots } = manifest;
  if (!Number.isInteger(count) || !Number.isInteger(slots) || count < 0 || slots < count) {
    throw fail('count', 'count and slots must be integers with 0 <= count <= slots');
  }
  const files = manifest.files as Record<string, ManifestFile | undefined> | undefined;
  for (const key of ['index', 'vectors', 'records']) {
    const entry = files?.[key];
    if (
      entry === undefined ||
      typeof entry.name !== 'string' ||
      !/^[\w.-]+$/.test(entry.name) ||
      !Number.isInteger(entry.bytes) ||
      typeof entry.sha256 !== 'string'
    ) {
      throw fail(`files.${key}`, 'missing or malformed file entry');
    }
  }
  if (manifest.files.vectors.bytes !== slots * manifest.config.dim * 4) {
    throw fail(
      'files.vectors.bytes',
      `vectors file size does not match ${slots} x ${manifest.config.dim} float32`,
    );
  }
  return manifest;
}
