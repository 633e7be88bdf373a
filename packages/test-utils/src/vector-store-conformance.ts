import { describe } from 'vitest';
import { registerConcurrencyChecks } from './conformance/concurrency-checks.js';
import { registerErrorChecks } from './conformance/error-checks.js';
import type { ConformanceCapabilities, StoreFactory } from './conformance/options.js';
import { registerPersistenceChecks } from './conformance/persistence-checks.js';
import { registerSearchChecks } from './conformance/search-checks.js';
import { registerWriteChecks } from './conformance/write-checks.js';

/**
 * Registers (inside a vitest `describe`) the tests every retrievekit vector store must pass: exact
 * top-k against a float64 brute-force reference (exact stores) or recall@10 on 10k x 768 clustered
 * vectors (all stores); the contract's errors (dimension mismatch, NaN/Infinity, k <= 0, unknown ids,
 * duplicate ids, closed store) and empty-store results; upsert, delete, metadata filters; save/open
 * round-trip; 100 concurrent searches during inserts. Call it from a store's `*.test.ts`.
 *
 * @example
 * ```ts
 * describeVectorStoreConformance('memory f32', async ({ dim, metric }) => createMemoryStore({ dim, metric }), {
 *   exact: true, metrics: ['dot', 'cosine', 'l2'], predicateFilter: true, open: (dir) => openMemoryStore(dir),
 * });
 * ```
 */
export function describeVectorStoreConformance(
  name: string,
  factory: StoreFactory,
  capabilities: ConformanceCapabilities,
): void {
  describe(`VectorStore conformance: ${name}`, () => {
    registerSearchChecks(factory, capabilities);
    registerErrorChecks(factory, capabilities);
    registerWriteChecks(factory, capabilities);
    registerPersistenceChecks(factory, capabilities);
    registerConcurrencyChecks(factory, capabilities);
  });
}
