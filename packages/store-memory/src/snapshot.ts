import type { Metadata, VectorMetric } from '@retrievekit/core';
import type { ExactRows } from './exact-rows.js';
import type { StorageType } from './row-storage.js';

/** The full contents of a memory store, as saved to and loaded from disk. */
export interface StoreSnapshot {
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly storage: StorageType;
  readonly count: number;
  /** `count x dim` encoded values (Float32Array, Uint16Array half bits, or Int8Array). */
  readonly codes: Float32Array | Uint16Array | Int8Array;
  /** `count` per-vector scales (int8 only; empty otherwise). */
  readonly scales: Float32Array;
  readonly ids: readonly string[];
  readonly metadata: readonly (Metadata | undefined)[];
  /** When saving an int8 store with rescoring: where each row's exact vector is. */
  readonly exact?: { rows: ExactRows; location: Int32Array; candidates: number | undefined } | undefined;
  /** When loading: the verified saved file of exact vectors (row order), if any. */
  readonly exactPath?: string;
  /** When loading: the saved rescoring candidates setting. */
  readonly rescoreCandidates?: number;
}
