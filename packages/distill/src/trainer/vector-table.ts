import { RetrievekitError } from '@retrievekit/core';
import type { VectorBatch } from '../types.js';
import { checkVectors } from '../validate.js';

/** Frozen vectors addressable by id (the encoder's output for queries or passages). */
export interface VectorTable {
  readonly dim: number;
  readonly size: number;
  /** Row of `id` in `vectors`, or undefined. */
  indexOf(id: string): number | undefined;
  readonly vectors: VectorBatch;
}

/** Wraps `vectors` (row i belongs to `ids[i]`) as a {@link VectorTable}; a repeated id is `DUPLICATE_ID`. */
export function createVectorTable(ids: readonly string[], vectors: VectorBatch): VectorTable {
  checkVectors(vectors, 'vectors', ids.length);
  const rows = new Map<string, number>();
  ids.forEach((id, index) => {
    const previous = rows.get(id);
    if (previous !== undefined) {
      throw new RetrievekitError('DUPLICATE_ID', `id ${id} is at rows ${previous} and ${index}`, {
        where: { field: 'ids', index },
      });
    }
    rows.set(id, index);
  });
  return { dim: vectors.dim, size: ids.length, indexOf: (id) => rows.get(id), vectors };
}

/** Copies the rows of `ids` into a float64 batch; an id the table lacks is `NOT_FOUND` naming it. */
export function gatherVectors(table: VectorTable, ids: readonly string[], field: string): VectorBatch {
  const { dim } = table;
  const out = new Float64Array(ids.length * dim);
  const source = table.vectors.data;
  ids.forEach((id, i) => {
    const row = table.indexOf(id);
    if (row === undefined) {
      throw new RetrievekitError('NOT_FOUND', `${field}[${i}] = ${id} has no vector`, {
        where: { field, index: i },
        hint: 'encode every query and passage the teacher file mentions before training',
      });
    }
    for (let k = 0; k < dim; k++) out[i * dim + k] = source[row * dim + k] as number;
  });
  return { data: out, rows: ids.length, dim };
}
