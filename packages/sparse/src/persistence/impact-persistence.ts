import path from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { assertUniqueIds } from '../doc-table.js';
import { ImpactIndex } from '../impact-index.js';
import { readIndexFile, writeFolderAtomically } from './atomic-folder.js';
import { decodeContainer, encodeContainer } from './binary-container.js';
import { checkPostings, readManifest, writeManifest } from './manifest.js';

/** Format version of impact index folders written by this library. */
export const IMPACT_FORMAT_VERSION = 1;
const DATA_FILE = 'index.bin';

/** Saves an impact index to folder `dir` atomically (`manifest.json` + CRC-32 checked `index.bin`). */
export async function saveImpactIndex(index: ImpactIndex, dir: string): Promise<void> {
  const d = index.data;
  const bytes = encodeContainer(
    IMPACT_FORMAT_VERSION,
    { scale: d.scale },
    {
      docIds: { json: d.docIds },
      termIds: d.termIds,
      offsets: d.postings.offsets,
      docs: d.postings.docs,
      values: d.postings.values,
    },
  );
  await writeFolderAtomically(dir, {
    [DATA_FILE]: bytes,
    'manifest.json': writeManifest('impact', IMPACT_FORMAT_VERSION, DATA_FILE, bytes.byteLength),
  });
}

/** Loads a folder written by {@link saveImpactIndex}; defects are `CORRUPT_DATA`. */
export async function loadImpactIndex(dir: string): Promise<ImpactIndex> {
  const manifest = await readManifest(dir, 'impact', IMPACT_FORMAT_VERSION);
  const file = path.join(dir, manifest.file);
  const bytes = await readIndexFile(file);
  if (bytes.byteLength !== manifest.bytes) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `file has ${bytes.byteLength} bytes, manifest says ${manifest.bytes} (truncated?)`,
      {
        where: { file },
      },
    );
  }
  const c = decodeContainer(bytes, file, IMPACT_FORMAT_VERSION);
  const { scale } = c.meta as { scale: number };
  const docIds = c.section('docIds', 'json') as string[];
  const termIds = c.section('termIds', 'u32') as Uint32Array;
  const offsets = c.section('offsets', 'f64') as Float64Array;
  const docs = c.section('docs', 'u32') as Uint32Array;
  const values = c.section('values', ['u16', 'u32']) as Uint16Array | Uint32Array;
  assertUniqueIds(docIds, file);
  checkPostings(file, termIds.length, docIds.length, offsets, docs, values);
  return new ImpactIndex({ docIds, termIds, postings: { offsets, docs, values }, scale });
}
