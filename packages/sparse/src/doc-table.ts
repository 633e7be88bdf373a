import { compareByteOrder, RetrievekitError } from '@retrievekit/core';

/** Assigns internal document numbers to collection ids and rejects duplicates. */
export class DocTable {
  readonly ids: string[] = [];
  private readonly positions = new Map<string, number>();

  /** Registers `id`; throws `DUPLICATE_ID` naming both positions when it was seen before. */
  add(id: string): number {
    if (typeof id !== 'string' || id.length === 0) {
      throw new RetrievekitError(
        'INVALID_ARGUMENT',
        `document id must be a non-empty string, got ${JSON.stringify(id)}`,
        {
          where: { index: this.ids.length, field: 'id' },
        },
      );
    }
    const first = this.positions.get(id);
    if (first !== undefined) {
      throw new RetrievekitError(
        'DUPLICATE_ID',
        `document id "${id}" at index ${this.ids.length} was already added at index ${first}`,
        {
          where: { index: this.ids.length, field: 'id' },
          hint: 'document ids must be unique within an index',
        },
      );
    }
    this.positions.set(id, this.ids.length);
    this.ids.push(id);
    return this.ids.length - 1;
  }
}

/**
 * The tie-break rank of every document: its position when ids are sorted in UTF-8 byte order.
 * Anserini breaks score ties by the collection docid (Lucene `SortField.Type.STRING_VAL`, byte order),
 * smallest first.
 */
export function tieBreakRanks(ids: readonly string[]): Uint32Array {
  const order = Array.from({ length: ids.length }, (_, i) => i).sort((a, b) =>
    compareByteOrder(ids[a] as string, ids[b] as string),
  );
  const rank = new Uint32Array(ids.length);
  for (let r = 0; r < order.length; r++) rank[order[r] as number] = r;
  return rank;
}

/** Throws `DUPLICATE_ID` when a loaded id list repeats an id. */
export function assertUniqueIds(ids: readonly string[], file: string): void {
  const seen = new Map<string, number>();
  ids.forEach((id, index) => {
    const first = seen.get(id);
    if (first !== undefined) {
      throw new RetrievekitError('CORRUPT_DATA', `document id "${id}" appears at ${first} and ${index}`, {
        where: { file, index },
      });
    }
    seen.set(id, index);
  });
}
