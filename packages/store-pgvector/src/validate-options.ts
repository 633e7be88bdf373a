import type { VectorMetric } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import type { PgVectorType } from './metric-sql.js';
import type {
  HnswIndexOptions,
  IvfflatIndexOptions,
  PgVectorStoreOptions,
} from './pgvector-store-options.js';

/** The checked settings of a store. */
export interface StoreSettings {
  readonly table: string;
  readonly schema: string | undefined;
  readonly dim: number;
  readonly metric: VectorMetric;
  readonly vectorType: PgVectorType;
  readonly index: HnswIndexOptions | IvfflatIndexOptions | undefined;
}

function checkInteger(value: number | undefined, field: string, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${field} must be an integer in ${min}..${max}, got ${value}`,
      {
        where: { field },
      },
    );
  }
}

/** Validates {@link PgVectorStoreOptions} (identifiers are checked when quoted) and fills defaults. */
export function checkStoreOptions(options: PgVectorStoreOptions): StoreSettings {
  if (options.client !== undefined && options.connectionString !== undefined) {
    throw new RetrievekitError('INVALID_ARGUMENT', 'give client or connectionString, not both', {
      where: { field: 'client' },
    });
  }
  const metric = options.metric ?? 'dot';
  if (!['dot', 'cosine', 'l2'].includes(metric)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown metric "${metric}"`, {
      where: { field: 'metric' },
      hint: "use 'dot', 'cosine' or 'l2'",
    });
  }
  const vectorType = options.vectorType ?? 'vector';
  if (vectorType !== 'vector' && vectorType !== 'halfvec') {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown vectorType "${vectorType}"`, {
      where: { field: 'vectorType' },
      hint: "use 'vector' or 'halfvec'",
    });
  }
  const { index } = options;
  const maxIndexedDim = vectorType === 'vector' ? 2000 : 4000;
  checkInteger(options.dim, 'dim', 1, index === undefined ? 16000 : maxIndexedDim);
  if (options.dim === undefined) checkInteger(Number.NaN, 'dim', 1, 16000);
  checkInteger(options.maxConnections, 'maxConnections', 1, 10_000);
  if (index !== undefined) {
    if (index.type === 'hnsw') {
      checkInteger(index.m, 'index.m', 2, 100);
      checkInteger(index.efConstruction, 'index.efConstruction', Math.max(4, 2 * (index.m ?? 16)), 1000);
      checkInteger(index.efSearch, 'index.efSearch', 1, 1000);
    } else if (index.type === 'ivfflat') {
      checkInteger(index.lists, 'index.lists', 1, 32768);
      if (index.lists === undefined) checkInteger(Number.NaN, 'index.lists', 1, 32768);
      checkInteger(index.probes, 'index.probes', 1, index.lists);
    } else {
      throw new RetrievekitError('INVALID_ARGUMENT', 'index.type must be "hnsw" or "ivfflat"', {
        where: { field: 'index.type' },
      });
    }
  }
  return {
    table: options.table ?? 'retrievekit_vectors',
    schema: options.schema,
    dim: options.dim,
    metric,
    vectorType,
    index,
  };
}
