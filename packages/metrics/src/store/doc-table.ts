import { bytesEqual, hashBytes } from './byte-hash.js';

const EMPTY_BYTES = new Uint8Array(0);

/**
 * A growable set of byte strings (document ids) with an open-addressing hash index. Used for one query's
 * retrieved documents or one query's judged documents. Entry `i` spans `pool[offsets[i], offsets[i + 1])`.
 */
export class DocTable {
  /** Number of entries. */
  size = 0;
  /** Byte pool holding every entry back to back. */
  pool: Uint8Array = EMPTY_BYTES;
  /** `offsets[i]` is where entry `i` starts in `pool`; `offsets[size]` is the pool length. */
  offsets: Int32Array;
  /** Hash of each entry. */
  hashes: Int32Array;
  /** Open-addressing index (entry + 1, 0 = empty); empty while frozen. */
  protected slots: Int32Array;
  /** True for an exact-size copy without a hash index (rebuilt on the next `add` or `find`). */
  protected frozen = false;

  /** Creates an empty table with room for `capacity` entries (a power of two). */
  constructor(capacity = 64) {
    this.offsets = new Int32Array(capacity + 1);
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity * 2);
  }

  /** Empties the table, keeping its capacity (for reuse as a scratch builder). */
  reset(): void {
    this.size = 0;
    this.offsets[0] = 0;
    this.slots.fill(0);
  }

  /** Fills `copy` with exact-size copies of this table's entries (no hash index until needed). */
  protected freezeInto<T extends DocTable>(copy: T): T {
    const n = this.size;
    copy.size = n;
    copy.pool = this.pool.slice(0, this.offsets[n] as number);
    copy.offsets = this.offsets.slice(0, n + 1);
    copy.hashes = this.hashes.slice(0, n);
    copy.slots = new Int32Array(0);
    copy.frozen = true;
    return copy;
  }

  private thaw(): void {
    this.frozen = false;
    let cap = 16;
    while (cap < this.size * 2 + 2) cap *= 2;
    this.rehash(cap);
  }

  /** Index of the entry equal to `bytes[start, end)` (hash `h`), or -1. */
  find(bytes: Uint8Array, start: number, end: number, h: number): number {
    if (this.frozen) this.thaw();
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = h & mask;
    for (;;) {
      const v = slots[s] as number;
      if (v === 0) return -1;
      const i = v - 1;
      if (
        this.hashes[i] === h &&
        bytesEqual(this.pool, this.offsets[i] as number, this.offsets[i + 1] as number, bytes, start, end)
      ) {
        return i;
      }
      s = (s + 1) & mask;
    }
  }

  /**
   * Adds `bytes[start, end)` unless present. Returns the new index, or `-(existing index) - 1` when the
   * entry was already there.
   */
  add(bytes: Uint8Array, start: number, end: number, h = hashBytes(bytes, start, end)): number {
    if (this.frozen) this.thaw();
    const slots = this.slots;
    const mask = slots.length - 1;
    const offsets = this.offsets;
    let s = h & mask;
    for (;;) {
      const v = slots[s] as number;
      if (v === 0) break;
      const j = v - 1;
      if (
        this.hashes[j] === h &&
        bytesEqual(this.pool, offsets[j] as number, offsets[j + 1] as number, bytes, start, end)
      ) {
        return -j - 1;
      }
      s = (s + 1) & mask;
    }
    const i = this.size;
    if (i + 1 >= this.hashes.length) this.growEntries();
    const len = end - start;
    const at = this.offsets[i] as number;
    if (at + len > this.pool.length) this.growPool(at + len);
    const pool = this.pool;
    for (let k = 0; k < len; k++) pool[at + k] = bytes[start + k] as number;
    this.offsets[i + 1] = at + len;
    this.hashes[i] = h;
    this.size = i + 1;
    slots[s] = i + 1;
    if ((i + 1) * 2 > slots.length) this.rehash(slots.length * 2);
    return i;
  }

  /** The bytes of entry `i` decoded as UTF-8. */
  text(i: number): string {
    return Buffer.from(
      this.pool.buffer,
      this.pool.byteOffset + (this.offsets[i] as number),
      this.length(i),
    ).toString('utf8');
  }

  /** Byte length of entry `i`. */
  length(i: number): number {
    return (this.offsets[i + 1] as number) - (this.offsets[i] as number);
  }

  private insertSlot(i: number): void {
    const mask = this.slots.length - 1;
    let s = (this.hashes[i] as number) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = i + 1;
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity);
    for (let i = 0; i < this.size; i++) this.insertSlot(i);
  }

  private growEntries(): void {
    const cap = Math.max(16, this.hashes.length * 2);
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const offsets = new Int32Array(cap + 1);
    offsets.set(this.offsets);
    this.offsets = offsets;
  }

  private growPool(min: number): void {
    let cap = Math.max(512, this.pool.length * 2);
    while (cap < min) cap *= 2;
    const pool = new Uint8Array(cap);
    pool.set(this.pool);
    this.pool = pool;
  }
}
