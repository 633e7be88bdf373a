import type { Metadata, MetadataFilter } from '@retrievekit/core';

const EMPTY: Metadata = Object.freeze({});

/**
 * A test of one record against `filter`: equality filters compare with `===` (a missing key never
 * matches, `null` matches only an explicit `null`); predicates get `{}` for records without metadata.
 */
export function compileFilter(
  filter: MetadataFilter,
): (metadata: Metadata | undefined, id: string) => boolean {
  if (typeof filter === 'function') return (metadata, id) => filter(metadata ?? EMPTY, id);
  const entries = Object.entries(filter);
  return (metadata) => {
    const record = metadata ?? EMPTY;
    return entries.every(([key, value]) => Object.hasOwn(record, key) && record[key] === value);
  };
}
