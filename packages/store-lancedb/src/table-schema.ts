import type { Metadata, VectorMetric, VectorRecords } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import {
  DataType,
  Field,
  FixedSizeList,
  Float32,
  List,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import type { LanceDbIndexOptions } from './lancedb-options.js';
import { metadataTerms } from './sql.js';

/** What the store records in the table's schema metadata (so `open` needs only uri and table). */
export interface TableDescription {
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly index: LanceDbIndexOptions | undefined;
}

const KEY = 'retrievekit.store';

/**
 * The table's Arrow schema: `id` (utf8, not null), `vector` (fixed-size list of `dim` float32),
 * `metadata` (JSON utf8, null when none), `metadata_terms` (list of utf8, one term per entry, what
 * equality filters match), with `retrievekit.store` = the JSON {@link TableDescription}.
 */
export function tableSchema(description: TableDescription): Schema {
  return new Schema(
    [
      new Field('id', new Utf8(), false),
      new Field('vector', new FixedSizeList(description.dim, new Field('item', new Float32(), true)), false),
      new Field('metadata', new Utf8(), true),
      new Field('metadata_terms', new List(new Field('item', new Utf8(), true)), true),
    ],
    new Map([[KEY, JSON.stringify(description)]]),
  );
}

/**
 * Reads the description back from a table's schema; `CORRUPT_DATA` when absent or invalid. Checks
 * types by `typeId`, never `instanceof`: LanceDB hands out schemas built by Arrow's CommonJS copy.
 */
export function describeSchema(schema: Schema, where: string): TableDescription {
  const text = schema.metadata.get(KEY);
  let value: Partial<TableDescription> | undefined;
  try {
    value = text === undefined ? undefined : JSON.parse(text);
  } catch {
    value = undefined;
  }
  const vector = schema.fields.find((field) => field.name === 'vector')?.type;
  if (
    value === undefined ||
    !Number.isInteger(value.dim) ||
    !['dot', 'cosine', 'l2'].includes(value.metric ?? '') ||
    !DataType.isFixedSizeList(vector) ||
    (vector as FixedSizeList).listSize !== value.dim
  ) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      'the table is not a retrievekit store (schema metadata missing or invalid)',
      {
        where: { file: where },
        hint: 'open tables created by createLanceDbStore, or create the store again',
      },
    );
  }
  return value as TableDescription;
}

/** The records as one Arrow table of `schema` (vectors copied once, no per-element objects). */
export function recordsTable(records: VectorRecords, schema: Schema): Table {
  const { ids, vectors, metadata } = records;
  const rows = ids.length;
  const vectorType = schema.fields[1]?.type as FixedSizeList<Float32>;
  const values = makeData({ type: new Float32(), length: rows * vectors.dim, data: vectors.data.slice() });
  const vectorData = makeData({ type: vectorType, length: rows, nullCount: 0, child: values });
  const entries: (Metadata | undefined)[] = Array.from({ length: rows }, (_, row) => metadata?.[row]);
  const json = vectorFromArray(
    entries.map((entry) => (entry === undefined ? null : JSON.stringify(entry))),
    new Utf8(),
  );
  const terms = vectorFromArray(
    entries.map((entry) => metadataTerms(entry)),
    schema.fields[3]?.type as List<Utf8>,
  );
  const idColumn = vectorFromArray(ids.slice(), new Utf8());
  const struct = makeData({
    type: new Struct(schema.fields),
    length: rows,
    nullCount: 0,
    children: [idColumn.data[0], vectorData, json.data[0], terms.data[0]] as never,
  });
  return new Table([new RecordBatch(schema, struct)]);
}
