import type { Query, RankedList, RetrieveOptions, Retriever } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { type InterpolateOptions, interpolateScores } from './fusion/interpolate.js';
import { type ReciprocalRankOptions, reciprocalRankFusion } from './fusion/reciprocal-rank.js';

/** How a hybrid retriever fuses its inputs. */
export type FusionMethod =
  | ({ method: 'rrf' } & Omit<ReciprocalRankOptions, 'limit'>)
  | ({ method: 'interpolate' } & Omit<InterpolateOptions, 'limit'>);

/** Options of {@link createHybridRetriever}. */
export interface HybridOptions {
  /** The retrievers to fuse, e.g. `[bm25, dense]`. */
  retrievers: readonly Retriever[];
  /** Fusion rule. Default `{ method: 'rrf', k: 60 }`. */
  fusion?: FusionMethod;
  /** Results fetched from each input per query. Default 1000. */
  depth?: number;
  /** Run tag. Default the input names joined by `+`. */
  name?: string;
}

/**
 * A retriever that fuses several others per query, by reciprocal rank fusion or by weighted score
 * interpolation (see {@link reciprocalRankFusion} and {@link interpolateScores}).
 *
 * @example
 * ```ts
 * const hybrid = createHybridRetriever({
 *   retrievers: [bm25, dense],
 *   fusion: { method: 'interpolate', weights: [0.3, 1], normalization: 'minmax' },
 * });
 * ```
 */
export function createHybridRetriever(options: HybridOptions): Retriever {
  if (options.retrievers.length < 2) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `a hybrid needs at least 2 retrievers, got ${options.retrievers.length}`,
      {
        where: { field: 'retrievers' },
      },
    );
  }
  const depth = options.depth ?? 1000;
  const fusion: FusionMethod = options.fusion ?? { method: 'rrf', k: 60 };
  return {
    name: options.name ?? options.retrievers.map((r) => r.name).join('+'),
    async retrieve(queries: readonly Query[], retrieveOptions: RetrieveOptions = {}): Promise<RankedList[]> {
      const k = retrieveOptions.k ?? depth;
      const perRetriever = await Promise.all(
        options.retrievers.map((r) => r.retrieve(queries, { k: depth, signal: retrieveOptions.signal })),
      );
      return queries.map((_, q) => {
        const lists = perRetriever.map((lists) => lists[q] ?? { ids: [], scores: [] });
        return fusion.method === 'rrf'
          ? reciprocalRankFusion(lists, { ...fusion, limit: k })
          : interpolateScores(lists, { ...fusion, limit: k });
      });
    },
  };
}
