import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Judgment, Passage, Qrels, Query } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import type { Located, ReadOptions } from '../io/text-source.js';
import { readQrelsMap } from '../qrels-map.js';
import type { ReadCorpusOptions } from './read-beir-corpus.js';
import { readBeirCorpus } from './read-beir-corpus.js';
import { readBeirQrels } from './read-beir-qrels.js';
import { readBeirQueries } from './read-beir-queries.js';

/** A BEIR dataset folder opened by {@link openBeirDataset}. Every reader streams from disk anew. */
export interface BeirDataset {
  /** The folder. */
  readonly dir: string;
  /** Path of `corpus.jsonl` (or `corpus.jsonl.gz`). */
  readonly corpusPath: string;
  /** Path of `queries.jsonl` (or `queries.jsonl.gz`). */
  readonly queriesPath: string;
  /** Splits found in `qrels/` (`test`, `train`, `dev`...), sorted. */
  readonly splits: readonly string[];
  /** Streams the corpus as passages. */
  passages(options?: ReadCorpusOptions): AsyncGenerator<Located<Passage>>;
  /** Streams all queries (of every split; BEIR keeps them in one file). */
  queries(options?: ReadOptions): AsyncGenerator<Located<Query>>;
  /** Streams the judgments of one split. Throws `NOT_FOUND` naming the splits there are. */
  judgments(split: string, options?: ReadOptions): AsyncGenerator<Located<Judgment>>;
  /** Reads the judgments of one split into a map (with `@retrievekit/metrics`' `readQrels`). */
  qrels(split: string, options?: ReadOptions): Promise<Qrels>;
}

const LAYOUT_HINT =
  'a BEIR folder contains corpus.jsonl, queries.jsonl and qrels/<split>.tsv (e.g. qrels/test.tsv), as in the unzipped BEIR downloads';

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

async function findFile(dir: string, base: string): Promise<string | undefined> {
  for (const name of [base, `${base}.gz`]) {
    if ((await kindOf(join(dir, name))) === 'file') return join(dir, name);
  }
  return undefined;
}

async function listSplits(qrelsDir: string): Promise<Map<string, string>> {
  const splits = new Map<string, string>();
  for (const name of (await readdir(qrelsDir)).sort()) {
    const match = /^(.+)\.tsv(\.gz)?$/.exec(name);
    if (match?.[1] !== undefined && !splits.has(match[1])) splits.set(match[1], join(qrelsDir, name));
  }
  return splits;
}

/**
 * Opens a BEIR dataset folder: checks that `corpus.jsonl`, `queries.jsonl` and `qrels/*.tsv` are there
 * (each may also be gzip, as `.gz`) and lists the qrels splits. Throws `NOT_FOUND` naming every missing
 * part.
 *
 * @example
 * ```ts
 * const scifact = await openBeirDataset('data/scifact');
 * const qrels = await scifact.qrels('test');
 * for await (const passage of scifact.passages()) index.add(passage);
 * ```
 */
export async function openBeirDataset(dir: string): Promise<BeirDataset> {
  if ((await kindOf(dir)) !== 'dir') {
    throw new RetrievekitError('NOT_FOUND', 'BEIR dataset folder does not exist', {
      where: { file: dir },
      hint: LAYOUT_HINT,
    });
  }
  const corpusPath = await findFile(dir, 'corpus.jsonl');
  const queriesPath = await findFile(dir, 'queries.jsonl');
  const qrelsDir = join(dir, 'qrels');
  const splitFiles =
    (await kindOf(qrelsDir)) === 'dir' ? await listSplits(qrelsDir) : new Map<string, string>();
  const missing = [
    ...(corpusPath === undefined ? ['corpus.jsonl'] : []),
    ...(queriesPath === undefined ? ['queries.jsonl'] : []),
    ...(splitFiles.size === 0 ? ['qrels/<split>.tsv'] : []),
  ];
  if (corpusPath === undefined || queriesPath === undefined || missing.length > 0) {
    throw new RetrievekitError('NOT_FOUND', `not a BEIR dataset folder: missing ${missing.join(', ')}`, {
      where: { file: dir },
      hint: LAYOUT_HINT,
    });
  }
  const splits = [...splitFiles.keys()];
  const splitPath = (split: string): string => {
    const path = splitFiles.get(split);
    if (path === undefined) {
      throw new RetrievekitError(
        'NOT_FOUND',
        `no qrels for split "${split}" (splits: ${splits.join(', ')})`,
        {
          where: { file: qrelsDir },
          hint: `BEIR keeps the judgments of split S in qrels/S.tsv`,
        },
      );
    }
    return path;
  };
  return {
    dir,
    corpusPath,
    queriesPath,
    splits,
    passages: (options) => readBeirCorpus(corpusPath, options),
    queries: (options) => readBeirQueries(queriesPath, options),
    judgments: (split, options) => readBeirQrels(splitPath(split), options),
    qrels: async (split, options) => readQrelsMap(splitPath(split), 'beir', options),
  };
}
