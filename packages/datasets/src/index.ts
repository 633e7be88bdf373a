/**
 * `@retrievekit/datasets`: streaming readers for BEIR, MS MARCO and TREC collections (plain or gzip,
 * bounded memory, every item and error located at file:line) and a resumable, verified downloader for the
 * public BEIR zips.
 *
 * @packageDocumentation
 */

export type { BeirDataset } from './beir/open-beir-dataset.js';
export { openBeirDataset } from './beir/open-beir-dataset.js';
export type { ReadCorpusOptions } from './beir/read-beir-corpus.js';
export { readBeirCorpus } from './beir/read-beir-corpus.js';
export { readBeirQrels } from './beir/read-beir-qrels.js';
export { readBeirQueries } from './beir/read-beir-queries.js';
export { BEIR_BASE_URL, BEIR_ZIP_MD5 } from './download/beir-checksums.js';
export { defaultDatasetCacheDir } from './download/cache-dir.js';
export type { DownloadBeirOptions, DownloadedDataset } from './download/download-beir-dataset.js';
export { downloadBeirDataset } from './download/download-beir-dataset.js';
export { extractZip, safeEntrySegments } from './download/extract-zip.js';
export { isGzipHeader, openBytes } from './io/open-bytes.js';
export type { SourceLine } from './io/read-lines.js';
export { readLines } from './io/read-lines.js';
export type { Located, NamedStream, ReadOptions, SourceLocation, TextSource } from './io/text-source.js';
export type { ReadCollectionOptions } from './msmarco/msmarco.js';
export { readMsMarcoCollection, readMsMarcoQrels, readMsMarcoQueries } from './msmarco/msmarco.js';
export { readQrelsMap } from './qrels-map.js';
export type { ReadTopicsOptions } from './trec/read-topics.js';
export { readTopics } from './trec/read-topics.js';
export { readTrecJudgments } from './trec/read-trec-judgments.js';
export { readTrecQrels } from './trec/read-trec-qrels.js';
export type { TopicField } from './trec/sgml-topics.js';
