import path from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { readIndexFile } from './atomic-folder.js';

/** Contents of `manifest.json` in a saved index folder. */
export interface IndexManifest {
  format: 'retrievekit-sparse';
  kind: 'bm25' | 'impact';
  version: number;
  /** Data file name inside the folder. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
}

/** Serialises a manifest. */
export function writeManifest(
  kind: IndexManifest['kind'],
  version: number,
  file: string,
  bytes: number,
): Uint8Array {
  const manifest: IndexManifest = { format: 'retrievekit-sparse', kind, version, file, bytes };
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads and checks `dir/manifest.json` (kind and version). */
export async function readManifest(
  dir: string,
  kind: IndexManifest['kind'],
  version: number,
): Promise<IndexManifest> {
  const file = path.join(dir, 'manifest.json');
  const bytes = await readIndexFile(file);
  let manifest: IndexManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new RetrievekitError('CORRUPT_DATA', 'manifest is not valid JSON', { where: { file }, cause });
  }
  if (
    manifest.format !== 'retrievekit-sparse' ||
    typeof manifest.file !== 'string' ||
    typeof manifest.bytes !== 'number'
  ) {
    throw new RetrievekitError('CORRUPT_DATA', 'not a retrievekit sparse index manifest', {
      where: { file },
    });
  }
  if (manifest.kind !== kind) {
    throw new RetrievekitError('INVALID_ARGUMENT', `folder holds a "${manifest.kind}" index, not "${kind}"`, {
      where: { file, field: 'kind' },
      hint: manifest.kind === 'bm25' ? 'use loadBm25Index' : 'use loadImpactIndex',
    });
  }
  if (manifest.version !== version) {
    throw new RetrievekitError(
      'UNSUPPORTED',
      `index format version ${manifest.version}; this library reads ${version}`,
      {
        where: { file, field: 'version' },
        hint: 'rebuild the index with this version of @retrievekit/sparse',
      },
    );
  }
  if (path.basename(manifest.file) !== manifest.file) {
    throw new RetrievekitError('CORRUPT_DATA', `data file name "${manifest.file}" is not a plain file name`, {
      where: { file },
    });
  }
  return manifest;
}

/** Structural checks of loaded postings (monotone offsets, ids in range, increasing docs per term). */
export function checkPostings(
  file: string,
  numTerms: number,
  numDocs: number,
  offsets: Float64Array,
  docs: Uint32Array,
  values: Uint16Array | Uint32Array,
): void {
  const fail = (detail: string): never => {
    throw new RetrievekitError('CORRUPT_DATA', detail, { where: { file } });
  };
  if (offsets.length !== numTerms + 1) fail(`${offsets.length} offsets for ${numTerms} terms`);
  if (docs.length !== values.length || offsets[numTerms] !== docs.length)
    fail('posting arrays disagree in length');
  for (let t = 0; t < numTerms; t++) {
    const start = offsets[t] as number;
    const end = offsets[t + 1] as number;
    if (!(start <= end)) fail(`offsets decrease at term ${t}`);
    for (let p = start; p < end; p++) {
      const doc = docs[p] as number;
      if (doc >= numDocs || (p > start && doc <= (docs[p - 1] as number)))
        fail(`postings of term ${t} are out of order or range`);
    }
  }
}
