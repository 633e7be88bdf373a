/**
 * BM25 indexing and query throughput of @retrievekit/sparse against lunr (the most downloaded
 * JavaScript search library, BM25 scoring) and MiniSearch (BM25+), on SciFact replicated with varied
 * doc ids. Run from packages/sparse (see README.md):
 *
 *   node --expose-gc --conditions=source --import tsx ../../bench/sparse/bench.ts [--docs N] [--peer-docs M]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Qrels, RankedList } from '@retrievekit/core';
import { createBm25IndexBuilder } from '../../packages/sparse/src/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const data = path.resolve(repoRoot, '../shared/data/scifact');
const requireFromPackage = createRequire(path.join(repoRoot, 'packages/sparse/package.json'));
const load = async (name: string) => import(pathToFileURL(requireFromPackage.resolve(name)).href);
const { evaluate, readQrels } = await load('@retrievekit/metrics');
const lunr = (await load('lunr')).default;
const MiniSearch = (await load('minisearch')).default;

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const targetDocs = arg('--docs', 1_000_000);
const peerDocs = arg('--peer-docs', 20_000);

interface Doc {
  id: string;
  title: string;
  text: string;
}
const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const corpus: Doc[] = jsonl(path.join(data, 'corpus.jsonl')).map(
  (r: { _id: string; title: string; text: string }) => ({
    id: r._id,
    title: r.title,
    text: r.text,
  }),
);
const qrels: Qrels = await readQrels(path.join(data, 'qrels/test.tsv'));
const queries = jsonl(path.join(data, 'queries.jsonl')).filter((q: { _id: string }) => qrels.has(q._id)) as {
  _id: string;
  text: string;
}[];

function* replicated(n: number): Generator<Doc> {
  for (let i = 0; i < n; i++) {
    const d = corpus[i % corpus.length] as Doc;
    const copy = Math.floor(i / corpus.length);
    yield copy === 0 ? d : { id: `${d.id}-r${copy}`, title: d.title, text: d.text };
  }
}

function memory(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external; // external already includes ArrayBuffers
}

function ndcg(run: Map<string, RankedList>): number {
  const r = evaluate(qrels, run, { measures: ['ndcg_cut.10'], complete: true });
  return r.summary[0] as number;
}

interface Engine {
  name: string;
  build(docs: Iterable<Doc>): void;
  search(text: string, k: number): RankedList;
}

function ours(): Engine & { postings(): number } {
  let index: ReturnType<ReturnType<typeof createBm25IndexBuilder>['build']> | undefined;
  return {
    name: '@retrievekit/sparse',
    build(docs) {
      const builder = createBm25IndexBuilder();
      for (const d of docs) builder.add(d);
      index = builder.build();
    },
    search: (text, k) => (index as NonNullable<typeof index>).search(text, { k }),
    postings: () => (index as NonNullable<typeof index>).stats.numPostings,
  };
}

function lunrEngine(): Engine {
  let index: lunr.Index | undefined;
  return {
    name: 'lunr 2.3.9',
    build(docs) {
      index = lunr(function (this: lunr.Builder) {
        this.ref('id');
        this.field('contents');
        for (const d of docs) this.add({ id: d.id, contents: `${d.title} ${d.text}` });
      });
    },
    search(text, k) {
      const hits = (index as lunr.Index).query((q) => q.term(lunr.tokenizer(text), {})).slice(0, k);
      return { ids: hits.map((h) => h.ref), scores: hits.map((h) => h.score) };
    },
  };
}

function miniSearchEngine(): Engine {
  let index: InstanceType<typeof MiniSearch> | undefined;
  return {
    name: 'minisearch 7.2.0',
    build(docs) {
      index = new MiniSearch({ fields: ['contents'], idField: 'id' });
      for (const d of docs) index.add({ id: d.id, contents: `${d.title} ${d.text}` });
    },
    search(text, k) {
      const hits = (index as InstanceType<typeof MiniSearch>).search(text).slice(0, k);
      return {
        ids: hits.map((h: { id: string }) => h.id),
        scores: hits.map((h: { score: number }) => h.score),
      };
    },
  };
}

interface Figures {
  engine: string;
  docs: number;
  docsPerSecond: number;
  queriesPerSecond: number;
  bytes: number;
  ndcg10?: number;
}

function measure(engine: Engine, n: number, withQuality: boolean): Figures {
  const before = memory();
  const t0 = performance.now();
  engine.build(replicated(n));
  const buildSeconds = (performance.now() - t0) / 1000;
  const bytes = memory() - before;
  const run = new Map<string, RankedList>();
  const t1 = performance.now();
  for (const q of queries) run.set(q._id, engine.search(q.text, 1000));
  const querySeconds = (performance.now() - t1) / 1000;
  return {
    engine: engine.name,
    docs: n,
    docsPerSecond: n / buildSeconds,
    queriesPerSecond: queries.length / querySeconds,
    bytes,
    ...(withQuality ? { ndcg10: ndcg(run) } : {}),
  };
}

const rows: Figures[] = [];
const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const print = (f: Figures) =>
  console.log(
    `${f.engine.padEnd(20)} docs ${fmt(f.docs).padStart(9)}  index ${fmt(f.docsPerSecond).padStart(7)} docs/s  ` +
      `query ${f.queriesPerSecond.toFixed(1).padStart(7)} q/s (k=1000)  memory ${(f.bytes / 2 ** 20).toFixed(0)} MiB` +
      (f.ndcg10 === undefined ? '' : `  nDCG@10 ${f.ndcg10.toFixed(4)}`),
  );

console.log(`SciFact: ${corpus.length} docs, ${queries.length} test queries; Node ${process.version}`);
for (const make of [ours, lunrEngine, miniSearchEngine]) rows.push(measure(make(), corpus.length, true));
rows.forEach(print);
const small: Figures[] = [];
for (const make of [ours, lunrEngine, miniSearchEngine]) small.push(measure(make(), peerDocs, false));
small.forEach(print);
const mine = small[0] as Figures;
for (const peer of small.slice(1)) {
  console.log(
    `ratio vs ${peer.engine} at ${fmt(peerDocs)} docs: indexing x${(mine.docsPerSecond / peer.docsPerSecond).toFixed(2)}, ` +
      `queries x${(mine.queriesPerSecond / peer.queriesPerSecond).toFixed(2)}, memory x${(peer.bytes / mine.bytes).toFixed(2)} less`,
  );
}
const big = ours();
const large = measure(big, targetDocs, false);
print(large);
console.log(
  `postings ${fmt(big.postings())}, ${(large.bytes / big.postings()).toFixed(2)} bytes per posting (whole index)`,
);
