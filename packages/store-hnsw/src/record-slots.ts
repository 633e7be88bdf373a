import type { Metadata } from '@retrievekit/core';

/**
 * The store's records on the JavaScript side, by slot: slot `s` is usearch key `s`, its string id,
 * its metadata and an exact float32 copy of its vector (unit length under cosine). Freed slots are
 * reused by later adds. The float32 copy gives exact scores (whatever the index's quantisation) and the
 * exact fallback scan of filtered searches.
 */
export class RecordSlots {
  /** `capacity x dim` float32 rows. */
  vectors: Float32Array;
  /** Id of each slot; `undefined` for a free slot. */
  readonly ids: (string | undefined)[] = [];
  /** Metadata of each slot. */
  readonly metadata: (Metadata | undefined)[] = [];
  /** Slot of each stored id. */
  readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];

  constructor(readonly dim: number) {
    this.vectors = new Float32Array(64 * dim);
  }

  /** Number of stored records. */
  get count(): number {
    return this.slotOf.size;
  }

  /** Number of slots in use or free (the highest slot + 1). */
  get slots(): number {
    return this.ids.length;
  }

  /** Takes `n` slots (free ones first, then new ones at the end), growing the vector storage. */
  allocate(n: number): Uint32Array {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.free.pop() ?? this.ids.push(undefined) - 1;
    const needed = this.ids.length * this.dim;
    if (needed > this.vectors.length) {
      const grown = new Float32Array(Math.max(needed, this.vectors.length * 2));
      grown.set(this.vectors);
      this.vectors = grown;
    }
    return out;
  }

  /** Writes a record into `slot` (vector = row `row` of `data`). */
  write(slot: number, id: string, data: Float32Array, row: number, metadata: Metadata | undefined): void {
    const { dim } = this;
    this.vectors.set(data.subarray(row * dim, (row + 1) * dim), slot * dim);
    this.ids[slot] = id;
    this.metadata[slot] = metadata;
    this.slotOf.set(id, slot);
  }

  /** Frees `slot` (its id must be stored there). */
  release(slot: number): void {
    const id = this.ids[slot];
    if (id !== undefined) this.slotOf.delete(id);
    this.ids[slot] = undefined;
    this.metadata[slot] = undefined;
    this.vectors.fill(0, slot * this.dim, (slot + 1) * this.dim);
    this.free.push(slot);
  }

  /** Rebuilds the free list after loading ids by slot. */
  restoreFreeList(): void {
    this.free.length = 0;
    for (let slot = this.ids.length - 1; slot >= 0; slot--)
      if (this.ids[slot] === undefined) this.free.push(slot);
  }
}
