/** A progress report of long work: `done` units of `total` (undefined when the total is unknown). */
export interface Progress {
  /** Units finished so far (lines, passages, bytes... as the `unit` says). */
  done: number;
  /** Total units when known in advance. */
  total?: number;
  /** What is counted, e.g. `'lines'`, `'passages'`, `'bytes'`. */
  unit: string;
}

/** Options accepted by every long-running operation of retrievekit. */
export interface LongTaskOptions {
  /** Called now and then with the work done so far. */
  onProgress?: (progress: Progress) => void;
  /** Cancels the work; the operation then rejects with code `ABORTED`. */
  signal?: AbortSignal;
}
