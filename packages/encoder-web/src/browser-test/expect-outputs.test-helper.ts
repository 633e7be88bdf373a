/** Test-only: compares a page's outputs with onnxruntime-node's. */
import { expect } from 'vitest';
import { maxAbsDiff, OUTPUTS } from '../test-batches.test-helper.js';
import type { PageResult } from './page-script.js';

/** Asserts the page ran without error and every output is within `tolerance` of the reference. */
export function expectMatchesNode(
  result: PageResult,
  reference: readonly Record<string, number[]>[],
  tolerance = 1e-4,
): void {
  expect(result.error).toBeUndefined();
  expect(result.outputs?.length).toBe(reference.length);
  for (const [b, expected] of reference.entries())
    for (const name of OUTPUTS) {
      const want = expected[name] ?? [];
      expect(want.length).toBeGreaterThan(0);
      expect(maxAbsDiff(result.outputs?.[b]?.[name] ?? [], want)).toBeLessThan(tolerance);
    }
}
