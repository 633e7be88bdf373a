// Writes a synthetic MS MARCO dev-sized run (6,980 queries x 1,000 results, ~250 MB) and qrels
// (~1.1 relevant passages per query) into DIR. Deterministic (seeded).
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function write(stream, text) {
  if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve));
}

export async function generate(dir, { queries = 6980, depth = 1000, seed = 1 } = {}) {
  const random = rng(seed);
  const run = createWriteStream(join(dir, 'run.dev.txt'));
  const qrels = createWriteStream(join(dir, 'qrels.dev.txt'));
  let lines = 0;
  for (let q = 0; q < queries; q++) {
    const qid = String(1048585 + q * 37);
    const docs = new Set();
    while (docs.size < depth) docs.add(Math.floor(random() * 8841823));
    const ids = [...docs];
    const rel = [ids[Math.floor(random() * 200)]];
    if (random() < 0.1) rel.push(random() < 0.5 ? ids[Math.floor(random() * depth)] : 9000000 + q);
    for (const d of rel) await write(qrels, `${qid} 0 ${d} 1\n`);
    let score = 30 + random() * 10;
    let chunk = '';
    for (let r = 0; r < depth; r++) {
      score -= random() * 0.02;
      chunk += `${qid} Q0 ${ids[r]} ${r + 1} ${score.toFixed(6)} bench\n`;
    }
    lines += depth;
    await write(run, chunk);
  }
  await Promise.all([new Promise((r) => run.end(r)), new Promise((r) => qrels.end(r))]);
  return { lines };
}
