/**
 * `@retrievekit/test-utils` (private): the shared vector store conformance suite, seeded fixture
 * generators and brute-force references used by the tests of retrievekit packages.
 *
 * @packageDocumentation
 */

export type { ReferenceHits } from './brute-force.js';
export { bruteForceTopK, recallAtK, referenceScore } from './brute-force.js';
export type { ClusteredVectorsOptions } from './clustered-vectors.js';
export { clusteredVectors } from './clustered-vectors.js';
export type { ConformanceCapabilities, StoreFactory } from './conformance/options.js';
export { SeededRandom } from './random.js';
export type { ConformanceStore, StoreMetadata, StoreMetric } from './store-types.js';
export { describeVectorStoreConformance } from './vector-store-conformance.js';
