import type { DenseBatch } from '@retrievekit/core';

/**
 * A PostgreSQL array literal (`{"a","b",NULL}`) of `values`, every element quoted with `\` and `"`
 * escaped, so it can be bound as one text parameter and cast (`$1::text[]`, `$1::vector[]`).
 */
export function arrayLiteral(values: readonly (string | null)[]): string {
  const parts = values.map((value) =>
    value === null ? 'NULL' : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `{${parts.join(',')}}`;
}

/**
 * Rows `start..end-1` of `batch` as a binary PostgreSQL `vector[]` (array_recv of pgvector's vector_recv:
 * int16 dim, int16 unused, dim big-endian float4 per element), bound as a binary parameter. No float
 * formatting or parsing: the exact float32 bits travel. `vectorOid` is the `vector` type's OID.
 */
export function vectorArrayBinary(batch: DenseBatch, start: number, end: number, vectorOid: number): Buffer {
  const { data, dim } = batch;
  const rows = end - start;
  const element = 4 + 4 * dim;
  const bytes = Buffer.alloc(20 + rows * (4 + element));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setInt32(0, 1); // dimensions
  view.setInt32(4, 0); // no NULLs
  view.setUint32(8, vectorOid);
  view.setInt32(12, rows);
  view.setInt32(16, 1); // lower bound
  let offset = 20;
  for (let row = start; row < end; row++) {
    view.setInt32(offset, element);
    view.setInt16(offset + 4, dim);
    view.setInt16(offset + 6, 0);
    offset += 8;
    const base = row * dim;
    for (let j = 0; j < dim; j++, offset += 4) view.setFloat32(offset, data[base + j] as number);
  }
  return bytes;
}
