import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';

/**
 * The exact float32 copy of an int8 store's vectors, kept on disk so that int8 storage saves memory and
 * still returns exact scores: rows are appended to a private file (never overwritten, so a snapshot of
 * row locations stays valid) and read back by positioned reads for the candidates of a search. A
 * store opened from disk reads its saved rows from the read-only saved file and appends new rows to a
 * fresh private file. All I/O is synchronous, like the rest of the store, so every search sees one
 * consistent snapshot.
 */
export class ExactRows {
  readonly dim: number;
  /** Per store row: `>= 0` row of the saved file, `< 0` row `-(1 + r)` of the append file. */
  location = new Int32Array(0);
  private readonly appendPath: string;
  private readonly appendFd: number;
  private appended = 0;
  private readonly saved: { fd: number; path: string } | undefined;
  private readonly rowBytes: number;

  constructor(dim: number, appendPath: string, savedPath?: string) {
    this.dim = dim;
    this.rowBytes = dim * 4;
    this.appendPath = appendPath;
    this.appendFd = openSync(appendPath, 'w+');
    this.saved = savedPath === undefined ? undefined : { fd: openSync(savedPath, 'r'), path: savedPath };
  }

  /** Makes room for `rows` store rows. */
  reserve(rows: number): void {
    if (rows <= this.location.length) return;
    const next = new Int32Array(Math.max(rows, this.location.length * 2, 64));
    next.set(this.location);
    this.location = next;
  }

  /** Appends `source` row `sourceRow` and points store row `row` at it. */
  write(row: number, source: Float32Array, sourceRow: number): void {
    const bytes = new Uint8Array(source.buffer, source.byteOffset + sourceRow * this.rowBytes, this.rowBytes);
    writeSync(this.appendFd, bytes, 0, bytes.length, this.appended * this.rowBytes);
    this.location[row] = -(1 + this.appended++);
  }

  /** Store row `to` now holds what row `from` held. */
  move(from: number, to: number): void {
    this.location[to] = this.location[from] as number;
  }

  /** Reads the exact vector at `location` into `out` (`dim` floats). */
  read(location: number, out: Float32Array): void {
    const fromSaved = location >= 0;
    const fd = fromSaved ? this.saved?.fd : this.appendFd;
    if (fd === undefined) throw new RetrievekitError('RUNTIME', 'exact row points at a missing saved file');
    const position = (fromSaved ? location : -(location + 1)) * this.rowBytes;
    const bytes = new Uint8Array(out.buffer, out.byteOffset, this.rowBytes);
    const read = readSync(fd, bytes, 0, this.rowBytes, position);
    if (read !== this.rowBytes) {
      throw new RetrievekitError('CORRUPT_DATA', `exact vector file ended early at byte ${position + read}`, {
        where: { file: fromSaved ? this.saved?.path : this.appendPath },
      });
    }
  }

  /** Closes the files and deletes the private append file. */
  close(): void {
    closeSync(this.appendFd);
    if (this.saved !== undefined) closeSync(this.saved.fd);
    try {
      unlinkSync(this.appendPath);
    } catch {
      // already gone
    }
  }
}

/** A fresh path in the OS temp folder for a store's private exact-vector file. */
export function temporaryExactPath(): string {
  return join(tmpdir(), `retrievekit-exact-${process.pid}-${randomBytes(6).toString('hex')}.f32`);
}
