import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LongTaskOptions, VectorMetric } from '@retrievekit/core';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { writeFileAtomic } from '@retrievekit/core/node';
import type { PgVectorType } from './metric-sql.js';
import type { PGliteLike } from './pglite-sql-client.js';
import type { HnswIndexOptions, IvfflatIndexOptions } from './pgvector-store-options.js';

/** `manifest.json` of a saved PGlite store: the store's settings and the checksummed data tarball. */
export interface PGliteManifest {
  readonly format: 'retrievekit-pgvector-pglite';
  readonly version: 1;
  readonly table: string;
  readonly schema: string | undefined;
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly vectorType: PgVectorType;
  readonly index: HnswIndexOptions | IvfflatIndexOptions | undefined;
  /** File name of the gzip tarball of PGlite's data directory (`dumpDataDir`). */
  readonly dataFile: string;
  readonly bytes: number;
  readonly sha256: string;
}

const MANIFEST = 'manifest.json';

/**
 * Saves the whole PGlite database into `dir`: the data tarball under a content-named file, then the
 * manifest (the commit point: renamed over the old one), then older tarballs are removed.
 */
export async function savePGliteStore(
  db: PGliteLike,
  dir: string,
  settings: Omit<PGliteManifest, 'format' | 'version' | 'dataFile' | 'bytes' | 'sha256'>,
  options: LongTaskOptions,
): Promise<void> {
  throwIfAborted(options.signal, 'save');
  await mkdir(dir, { recursive: true });
  const data = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
  throwIfAborted(options.signal, 'save');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const dataFile = `pgdata-${sha256.slice(0, 16)}.tar.gz`;
  await writeFileAtomic(join(dir, dataFile), data);
  const { table, schema, dim, metric, vectorType, index } = settings;
  const manifest: PGliteManifest = {
    format: 'retrievekit-pgvector-pglite',
    version: 1,
    ...{ table, schema, dim, metric, vectorType, index },
    dataFile,
    bytes: data.length,
    sha256,
  };
  await writeFileAtomic(
    join(dir, MANIFEST),
    new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
  );
  for (const name of await readdir(dir)) {
    if (name.startsWith('pgdata-') && name !== dataFile) await rm(join(dir, name), { force: true });
  }
  options.onProgress?.({ done: data.length, total: data.length, unit: 'bytes' });
}

function corrupt(file: string, detail: string): RetrievekitError {
  return new RetrievekitError('CORRUPT_DATA', detail, {
    where: { file },
    hint: 'the folder was not written by save() or was damaged; save the store again',
  });
}

/** Reads and verifies a saved store: the manifest's fields and the tarball's size and SHA-256. */
export async function readPGliteStore(dir: string): Promise<{ manifest: PGliteManifest; data: Uint8Array }> {
  const manifestPath = join(dir, MANIFEST);
  let manifest: PGliteManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as PGliteManifest;
  } catch (error) {
    throw new RetrievekitError('CORRUPT_DATA', `cannot read the manifest: ${(error as Error).message}`, {
      where: { file: manifestPath },
      hint: 'open a folder written by PgVectorStore.save()',
      cause: error,
    });
  }
  const valid =
    manifest?.format === 'retrievekit-pgvector-pglite' &&
    manifest.version === 1 &&
    typeof manifest.table === 'string' &&
    Number.isInteger(manifest.dim) &&
    ['dot', 'cosine', 'l2'].includes(manifest.metric) &&
    ['vector', 'halfvec'].includes(manifest.vectorType) &&
    typeof manifest.dataFile === 'string' &&
    /^pgdata-[0-9a-f]{16}\.tar\.gz$/.test(manifest.dataFile);
  if (!valid) throw corrupt(manifestPath, 'the manifest is not a retrievekit pgvector manifest (version 1)');
  const dataPath = join(dir, manifest.dataFile);
  const data = new Uint8Array(await readFile(dataPath).catch(() => Buffer.alloc(0)));
  if (data.length !== manifest.bytes) {
    throw corrupt(dataPath, `the data file has ${data.length} bytes, the manifest says ${manifest.bytes}`);
  }
  if (createHash('sha256').update(data).digest('hex') !== manifest.sha256) {
    throw corrupt(dataPath, 'the data file does not match its SHA-256 checksum');
  }
  return { manifest, data };
}
