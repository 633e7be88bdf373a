import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, sharedData } from '../test-paths.js';
import { readTrecQrels } from '../trec/read-trec-qrels.js';
import { openBeirDataset } from './open-beir-dataset.js';
import { readBeirCorpus } from './read-beir-corpus.js';
import { readBeirQueries } from './read-beir-queries.js';

const scifactDir = join(sharedData, 'scifact');
const cranfieldDir = join(sharedData, 'cranfield');

function judgmentCount(qrels: ReadonlyMap<string, ReadonlyMap<string, number>>): number {
  let total = 0;
  for (const docs of qrels.values()) total += docs.size;
  return total;
}

describe('openBeirDataset on the real SciFact folder', () => {
  it('reads 5,183 passages, 1,109 queries, test 300/339 and train 809/919, all ids resolving', async () => {
    const scifact = await openBeirDataset(scifactDir);
    expect(scifact.splits).toEqual(['test', 'train']);
    const passages = await collect(scifact.passages());
    const queries = await collect(scifact.queries());
    // Counts from SOURCE.md and `wc -l corpus.jsonl queries.jsonl`.
    expect(passages).toHaveLength(5183);
    expect(queries).toHaveLength(1109);
    const first = passages[0];
    expect(first?.id).toBe('4983');
    expect(first?.title).toBe(
      'Microstructural development of human newborn cerebral white matter assessed in vivo by diffusion tensor magnetic resonance imaging.',
    );
    expect(first?.text.startsWith('Alterations of the architecture of cerebral white matter')).toBe(true);
    expect(first?.source).toEqual({ file: scifact.corpusPath, line: 1 });
    expect(passages.at(-1)?.source.line).toBe(5183);
    expect(queries[0]).toMatchObject({
      id: '0',
      text: '0-dimensional biomaterials lack inductive properties.',
    });

    const test = await scifact.qrels('test');
    const train = await scifact.qrels('train');
    // Counts from `awk` over the CRLF files: 339 and 919 judgment lines after the header.
    expect([test.size, judgmentCount(test)]).toEqual([300, 339]);
    expect([train.size, judgmentCount(train)]).toEqual([809, 919]);
    expect(test.get('1')?.get('31715818')).toBe(1);

    const passageIds = new Set(passages.map((p) => p.id));
    const queryIds = new Set(queries.map((q) => q.id));
    for (const qrels of [test, train]) {
      for (const [queryId, docs] of qrels) {
        expect(queryIds.has(queryId)).toBe(true);
        for (const docId of docs.keys()) expect(passageIds.has(docId)).toBe(true);
      }
    }
  });

  it('has the same test judgments as the Anserini TREC qrels of SciFact', async () => {
    const beir = await (await openBeirDataset(scifactDir)).qrels('test');
    const anserini = await readTrecQrels(
      join(sharedData, 'anserini-topics-qrels/qrels/qrels.beir-v1.0.0-scifact.test.txt'),
    );
    expect(anserini).toEqual(beir);
  });

  it('names the split files there are for an unknown split', async () => {
    const scifact = await openBeirDataset(scifactDir);
    expect(() => scifact.judgments('dev')).toThrow(
      `${join(scifactDir, 'qrels')}: no qrels for split "dev" (splits: test, train) (BEIR keeps the judgments of split S in qrels/S.tsv)`,
    );
  });
});

describe('the real Cranfield collection (BEIR-style jsonl, TREC qrels)', () => {
  it('reads 1,400 passages and 225 queries, keeping original_id as metadata', async () => {
    const passages = await collect(readBeirCorpus(join(cranfieldDir, 'corpus.jsonl')));
    const queries = await collect(readBeirQueries(join(cranfieldDir, 'queries.jsonl')));
    expect(passages).toHaveLength(1400);
    expect(queries).toHaveLength(225);
    expect(queries[2]).toMatchObject({ id: '3', metadata: { original_id: '004' } });
    expect(passages[0]?.metadata).toBeUndefined();
  });

  it('is not a BEIR folder: the error says what is missing and what one contains', async () => {
    await expect(openBeirDataset(cranfieldDir)).rejects.toThrow(
      `${cranfieldDir}: not a BEIR dataset folder: missing qrels/<split>.tsv (a BEIR folder contains corpus.jsonl, queries.jsonl and qrels/<split>.tsv (e.g. qrels/test.tsv), as in the unzipped BEIR downloads)`,
    );
  });
});
