import type { VectorMetric } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import type { StorageType } from './row-storage.js';

/** Name of the manifest of a persisted memory store: the commit point of a save. */
export const MANIFEST_NAME = 'manifest.json';
/** Value of `format` in a manifest. */
export const MANIFEST_FORMAT = 'retrievekit-store-memory';

/** One binary file of a persisted store, with its exact size and SHA-256. */
export interface ManifestFile {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** The JSON manifest of a persisted store: metadata only, never vector values. */
export interface StoreManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly storage: StorageType;
  readonly count: number;
  /** Rescoring candidates of an int8 store saved with exact vectors. */
  readonly rescoreCandidates?: number;
  readonly files: {
    readonly vectors: ManifestFile;
    readonly scales?: ManifestFile;
    readonly ids: ManifestFile;
    readonly metadata?: ManifestFile;
    /** Exact float32 vectors of an int8 store with rescoring (row order). */
    readonly exact?: ManifestFile;
  };
}

/** Parses and checks a manifest; any inconsistency is `CORRUPT_DATA` naming the file and field. */
export function parseManifest(text: string, file: string): StoreManifest {
  const fail = (field: string, detail: string) =>
    new RetrievekitError('CORRUPT_DATA', detail, { where: { file, field }, hint: 'save the store again' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new RetrievekitError('CORRUPT_DATA', 'manifest is not valid JSON', { where: { file }, cause });
  }
  const manifest = value as StoreManifest;
  if (typeof value !== 'object' || value === null || manifest.format !== MANIFEST_FORMAT) {
    throw fail('format', `not a ${MANIFEST_FORMAT} manifest`);
  }
  if (manifest.version !== 1) throw fail('version', `unsupported version ${String(manifest.version)}`);
  if (!Number.isInteger(manifest.dim) || manifest.dim <= 0)
    throw fail('dim', 'dim must be a positive integer');
  if (!Number.isInteger(manifest.count) || manifest.count < 0) throw fail('count', 'count must be >= 0');
  if (!['dot', 'cosine', 'l2'].includes(manifest.metric)) throw fail('metric', 'unknown metric');
  if (!['f32', 'f16', 'int8'].includes(manifest.storage)) throw fail('storage', 'unknown storage');
  const files = manifest.files as Record<string, ManifestFile | undefined> | undefined;
  const keys = ['vectors', 'ids', ...(manifest.storage === 'int8' ? ['scales'] : [])];
  if (files?.metadata !== undefined) keys.push('metadata');
  if (files?.exact !== undefined) keys.push('exact');
  for (const key of keys) {
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
  return manifest;
}
