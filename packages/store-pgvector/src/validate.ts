import type { DenseBatch, Metadata, VectorRecords } from '@retrievekit/core';
import { checkRecords as checkContractRecords, checkMagnitude, RetrievekitError } from '@retrievekit/core';
import type { PgVectorType } from './metric-sql.js';
import { hasLoneSurrogate } from './quote-ident.js';

const HALF_MAX = 65504;

export { checkBatchShape, checkK } from '@retrievekit/core';

/** Throws `INVALID_ARGUMENT` for text PostgreSQL cannot hold unchanged (NUL, unpaired surrogates). */
export function checkText(text: string, field: string, index?: number): void {
  if (text.includes('\u0000') || hasLoneSurrogate(text)) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${field} contains a NUL character or an unpaired surrogate`,
      {
        where: index === undefined ? { field } : { field, index },
        hint: 'PostgreSQL text and jsonb cannot store U+0000 or invalid UTF-16',
      },
    );
  }
}

/** Throws unless every vector row has a non-zero norm (cosine is undefined for a zero vector). */
export function checkNonZeroRows(batch: DenseBatch, what: string): void {
  const { data, dim, rows } = batch;
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    for (let j = row * dim; j < (row + 1) * dim; j++) sum += (data[j] as number) ** 2;
    if (sum === 0) {
      throw new RetrievekitError('INVALID_ARGUMENT', `${what} row ${row} is a zero vector`, {
        where: { index: row },
        hint: 'cosine similarity is undefined for zero vectors',
      });
    }
  }
}

/** Throws `INVALID_ARGUMENT` unless `metadata` is a flat record of strings, finite numbers, booleans, null. */
export function checkMetadata(metadata: Metadata, field: string, index?: number): void {
  const where = index === undefined ? { field } : { field, index };
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be a plain object`, { where });
  }
  for (const [key, value] of Object.entries(metadata)) {
    checkText(key, `${field} key`, index);
    const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
    if (!scalar || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new RetrievekitError('INVALID_ARGUMENT', `${field} "${key}" is ${String(value)}`, {
        where,
        hint: 'metadata values are strings, finite numbers, booleans or null',
      });
    }
    if (typeof value === 'string') checkText(value, `${field} "${key}"`, index);
  }
}

/** Checks a whole batch before anything is written: the contract's checks, then what Postgres needs. */
export function checkRecords(
  records: VectorRecords,
  dim: number,
  vectorType: PgVectorType,
  cosine: boolean,
): void {
  checkContractRecords(records, dim);
  records.ids.forEach((id, index) => {
    checkText(id, 'id', index);
  });
  records.metadata?.forEach((entry, index) => {
    if (entry !== undefined) checkMetadata(entry, 'metadata', index);
  });
  if (vectorType === 'halfvec') {
    checkMagnitude(
      records.vectors,
      HALF_MAX,
      `halfvec holds values up to ±${HALF_MAX}; use vectorType 'vector'`,
    );
  }
  if (cosine) checkNonZeroRows(records.vectors, 'vectors');
}
