import type { VectorMetric } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

/** How usearch stores vectors inside the HNSW index (scores are always exact float32, see README). */
export type HnswQuantization = 'f32' | 'f16' | 'i8';

/** Options of {@link createHnswStore}. */
export interface HnswStoreOptions {
  /** Dimension of every vector. */
  readonly dim: number;
  /** Scoring (default `'dot'`), see `VectorMetric` of `@retrievekit/core`. */
  readonly metric?: VectorMetric;
  /** HNSW `M`: graph edges per node (default 16). More: better recall, more memory, slower adds. */
  readonly connectivity?: number;
  /** HNSW `efConstruction`: candidate list size while adding (default 128). */
  readonly expansionAdd?: number;
  /** HNSW `efSearch`: candidate list size while searching (default 64); at least `k` is used. */
  readonly expansionSearch?: number;
  /**
   * Vector storage inside the index (default `'f32'`). `'i8'` needs `metric: 'cosine'` (usearch maps
   * unit-length values in [-1, 1] to int8; unnormalised dot / l2 vectors would be clipped).
   */
  readonly quantization?: HnswQuantization;
}

/** Validated options with every default filled in. */
export type HnswStoreConfig = Required<HnswStoreOptions>;

const METRICS: readonly VectorMetric[] = ['dot', 'cosine', 'l2'];
const QUANTIZATIONS: readonly HnswQuantization[] = ['f32', 'f16', 'i8'];

function positiveInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be a positive integer, got ${value}`, {
      where: { field },
    });
  }
  return value;
}

/** Checks options and fills in the defaults. */
export function resolveHnswOptions(options: HnswStoreOptions): HnswStoreConfig {
  const metric = options.metric ?? 'dot';
  const quantization = options.quantization ?? 'f32';
  if (!METRICS.includes(metric)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown metric "${String(metric)}"`, {
      where: { field: 'metric' },
      hint: `use one of ${METRICS.join(', ')}`,
    });
  }
  if (!QUANTIZATIONS.includes(quantization)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `unknown quantization "${String(quantization)}"`, {
      where: { field: 'quantization' },
      hint: `use one of ${QUANTIZATIONS.join(', ')}`,
    });
  }
  if (quantization === 'i8' && metric !== 'cosine') {
    throw new RetrievekitError(
      'UNSUPPORTED',
      `quantization 'i8' works with metric 'cosine' only, not '${metric}'`,
      {
        where: { field: 'quantization' },
        hint: "usearch's int8 maps values in [-1, 1]; use 'f16' for dot or l2",
      },
    );
  }
  return {
    dim: positiveInteger(options.dim, 'dim'),
    metric,
    quantization,
    connectivity: positiveInteger(options.connectivity ?? 16, 'connectivity'),
    expansionAdd: positiveInteger(options.expansionAdd ?? 128, 'expansionAdd'),
    expansionSearch: positiveInteger(options.expansionSearch ?? 64, 'expansionSearch'),
  };
}

/** The usearch metric of a contract metric (cosine rows are unit length, so `ip` ranks them). */
export function usearchMetric(metric: VectorMetric): 'ip' | 'cos' | 'l2sq' {
  return metric === 'dot' ? 'ip' : metric === 'cosine' ? 'cos' : 'l2sq';
}
