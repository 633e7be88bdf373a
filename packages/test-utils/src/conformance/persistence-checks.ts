import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { clusteredVectors } from '../clustered-vectors.js';
import { rowIds, sliceRows } from './fixtures.js';
import type { ConformanceCapabilities, StoreFactory } from './options.js';

/** Registers the save / open round-trip checks (only when `capabilities.open` is given). */
export function registerPersistenceChecks(
  factory: StoreFactory,
  capabilities: ConformanceCapabilities,
): void {
  const { open } = capabilities;
  if (open === undefined) return;
  const metric = capabilities.metrics[0] ?? 'dot';

  it('round-trips through save and open: same size, results, metadata; re-save replaces', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'retrievekit-conformance-'));
    try {
      const corpus = clusteredVectors({ rows: 400, dim: 20, clusters: 8, seed: 21 });
      const queries = clusteredVectors({ rows: 6, dim: 20, clusters: 8, seed: 22 });
      const ids = rowIds(corpus.rows).map((id, row) => (row % 5 === 0 ? `${id}-é✓` : id));
      const metadata = ids.map((_, row) => ({ even: row % 2 === 0 }));
      const store = await factory({ dim: corpus.dim, metric });
      await store.add({
        ids: ids.slice(0, 300),
        vectors: sliceRows(corpus, 0, 300),
        metadata: metadata.slice(0, 300),
      });
      await store.save(dir);
      const before = await store.search(queries, { k: 15, filter: { even: true } });
      const reopened = await open(dir);
      expect(reopened.dim).toBe(corpus.dim);
      expect(reopened.metric).toBe(metric);
      expect(await reopened.size()).toBe(300);
      const after = await reopened.search(queries, { k: 15, filter: { even: true } });
      expect(after.map((r) => r.ids)).toEqual(before.map((r) => r.ids));
      expect(after.map((r) => Array.from(r.scores))).toEqual(before.map((r) => Array.from(r.scores)));
      await store.add({
        ids: ids.slice(300),
        vectors: sliceRows(corpus, 300, 400),
        metadata: metadata.slice(300),
      });
      await store.delete([ids[0] as string]);
      await store.save(dir);
      const again = await open(dir);
      expect(await again.size()).toBe(399);
      const [hits] = await again.search(sliceRows(corpus, 0, 1), { k: 400 });
      expect(hits?.ids).toHaveLength(399);
      expect(hits?.ids).not.toContain(ids[0]);
      await Promise.all([store.close(), reopened.close(), again.close()]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
