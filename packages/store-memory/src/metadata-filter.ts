import type { Metadata, MetadataFilter } from '@retrievekit/core';

const EMPTY: Metadata = Object.freeze({});

/**
 * The rows (0..count-1) that `filter` accepts, as a 0/1 mask. Equality filters compare with `===`;
 * a missing key never matches.
 */
export function filterMask(
  filter: MetadataFilter,
  metadata: readonly (Metadata | undefined)[],
  ids: readonly string[],
  count: number,
): Uint8Array {
  const mask = new Uint8Array(count);
  if (typeof filter === 'function') {
    for (let row = 0; row < count; row++)
      mask[row] = filter(metadata[row] ?? EMPTY, ids[row] as string) ? 1 : 0;
    return mask;
  }
  const entries = Object.entries(filter);
  for (let row = 0; row < count; row++) {
    const record = metadata[row] ?? EMPTY;
    mask[row] = entries.every(([key, value]) => Object.hasOwn(record, key) && record[key] === value) ? 1 : 0;
  }
  return mask;
}
