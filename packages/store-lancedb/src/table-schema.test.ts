import { RetrievekitError } from '@retrievekit/core';
import { type Schema, Type } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { describeSchema, tableSchema } from './table-schema.js';

// LanceDB is CommonJS: under plain Node it loads Arrow's CommonJS build, a second copy of the classes
// (vitest happens to load one copy for both). A schema whose types are instances of other classes,
// recognisable only by `typeId`, stands in for LanceDB's.
function foreignSchema(metadata: Map<string, string>, listSize: number): Schema {
  const vector = { typeId: Type.FixedSizeList, listSize };
  return { metadata, fields: [{ name: 'vector', type: vector }] } as unknown as Schema;
}

describe('describeSchema', () => {
  it('reads a schema built by another copy of Arrow (as LanceDB returns it)', () => {
    const description = { dim: 5, metric: 'l2' as const, index: { type: 'hnsw_sq' as const } };
    expect(describeSchema(foreignSchema(tableSchema(description).metadata, 5), 'db')).toEqual(description);
  });

  it('rejects a schema without the retrievekit metadata or with another dimension (CORRUPT_DATA)', () => {
    const metadata = tableSchema({ dim: 4, metric: 'dot', index: undefined }).metadata;
    for (const schema of [foreignSchema(metadata, 3), foreignSchema(new Map(), 4)]) {
      let caught: unknown;
      try {
        describeSchema(schema, 'db');
      } catch (error) {
        caught = error;
      }
      expect(RetrievekitError.hasCode(caught, 'CORRUPT_DATA')).toBe(true);
      expect((caught as Error).message).toMatch(/db: the table is not a retrievekit store/);
    }
  });
});
