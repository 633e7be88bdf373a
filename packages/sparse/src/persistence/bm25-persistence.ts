import path from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { type Analyzer, createEnglishAnalyzer } from '../analysis/english-analyzer.js';
import { Bm25Index } from '../bm25-index.js';
import { checkParameters } from '../bm25-index-builder.js';
import { assertUniqueIds } from '../doc-table.js';
import { readIndexFile, writeFolderAtomically } from './atomic-folder.js';
import { decodeContainer, encodeContainer } from './binary-container.js';
import { checkPostings, readManifest, writeManifest } from './manifest.js';

/** Format version of BM25 index folders written by this library. */
export const BM25_FORMAT_VERSION = 1;
const DATA_FILE = 'index.bin';

interface Bm25Meta {
  analyzer: string;
  k1: number;
  b: number;
  sumTotalTermFreq: number;
  docCount: number;
}

/**
 * Saves a BM25 index to folder `dir` (`manifest.json` + `index.bin`, CRC-32 checked), atomically:
 * a crash leaves the previous folder intact.
 */
export async function saveBm25Index(index: Bm25Index, dir: string): Promise<void> {
  const d = index.data;
  const meta: Bm25Meta = {
    analyzer: index.analyzer.name,
    k1: d.parameters.k1,
    b: d.parameters.b,
    sumTotalTermFreq: d.sumTotalTermFreq,
    docCount: d.docCount,
  };
  const bytes = encodeContainer(BM25_FORMAT_VERSION, meta, {
    docIds: { json: d.docIds },
    terms: { json: d.terms },
    offsets: d.postings.offsets,
    docs: d.postings.docs,
    values: d.postings.values,
    norms: d.norms,
  });
  await writeFolderAtomically(dir, {
    [DATA_FILE]: bytes,
    'manifest.json': writeManifest('bm25', BM25_FORMAT_VERSION, DATA_FILE, bytes.byteLength),
  });
}

/** Options of {@link loadBm25Index}. */
export interface LoadBm25Options {
  /** Required when the index was built with a custom analyzer: the same analyzer (same `name`). */
  analyzer?: Analyzer;
  /** Override the stored k1 (scores change; the postings do not depend on it). */
  k1?: number;
  /** Override the stored b. */
  b?: number;
}

/**
 * Loads a folder written by {@link saveBm25Index}. A truncated or damaged file is `CORRUPT_DATA`, a
 * missing one `NOT_FOUND`, another format version `UNSUPPORTED`.
 */
export async function loadBm25Index(dir: string, options: LoadBm25Options = {}): Promise<Bm25Index> {
  const manifest = await readManifest(dir, 'bm25', BM25_FORMAT_VERSION);
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
  const c = decodeContainer(bytes, file, BM25_FORMAT_VERSION);
  const meta = c.meta as Bm25Meta;
  const analyzer =
    options.analyzer ?? (meta.analyzer === 'lucene-english' ? createEnglishAnalyzer() : undefined);
  if (analyzer === undefined || analyzer.name !== meta.analyzer) {
    throw new RetrievekitError('INVALID_ARGUMENT', `index was built with analyzer "${meta.analyzer}"`, {
      where: { file, field: 'analyzer' },
      hint: 'pass the same analyzer in options.analyzer',
    });
  }
  const docIds = c.section('docIds', 'json') as string[];
  const terms = c.section('terms', 'json') as string[];
  const offsets = c.section('offsets', 'f64') as Float64Array;
  const docs = c.section('docs', 'u32') as Uint32Array;
  const values = c.section('values', ['u16', 'u32']) as Uint16Array | Uint32Array;
  const norms = c.section('norms', 'u8') as Uint8Array;
  assertUniqueIds(docIds, file);
  checkPostings(file, terms.length, docIds.length, offsets, docs, values);
  if (norms.length !== docIds.length) {
    throw new RetrievekitError('CORRUPT_DATA', `${norms.length} norms for ${docIds.length} documents`, {
      where: { file },
    });
  }
  return new Bm25Index(
    {
      docIds,
      terms,
      postings: { offsets, docs, values },
      norms,
      sumTotalTermFreq: meta.sumTotalTermFreq,
      docCount: meta.docCount,
      parameters: checkParameters(options.k1 ?? meta.k1, options.b ?? meta.b),
    },
    analyzer,
  );
}
