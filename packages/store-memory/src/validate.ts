import type { VectorRecords } from '@retrievekit/core';
import { checkRecords as checkContractRecords, checkMagnitude } from '@retrievekit/core';
import { F16_MAX } from './f16.js';
import type { StorageType } from './row-storage.js';

export { checkBatchShape, checkK } from '@retrievekit/core';

/**
 * Checks a whole batch of records before anything is stored: the contract's checks (shape, ids,
 * metadata length, finite values) plus the f16 range when vectors are stored as halves (zero vectors
 * under cosine are rejected by the normalisation).
 */
export function checkRecords(records: VectorRecords, dim: number, storage: StorageType): void {
  checkContractRecords(records, dim);
  if (storage === 'f16') {
    checkMagnitude(records.vectors, F16_MAX, `f16 storage holds values up to ±${F16_MAX}; use storage 'f32'`);
  }
}
