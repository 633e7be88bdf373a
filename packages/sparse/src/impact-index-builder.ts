import { RetrievekitError, type SparseVector } from '@retrievekit/core';
import { DocTable } from './doc-table.js';
import { checkSparseVector, ImpactIndex } from './impact-index.js';
import { PostingListsBuilder } from './posting-lists.js';

/** Options of {@link createImpactIndexBuilder}. */
export interface ImpactIndexOptions {
  /** Document weights are stored as `round(w * scale)`. Default 100 (Anserini). */
  scale?: number;
}

/** Collects documents as sparse vectors, then {@link ImpactIndexBuilder.build}s an {@link ImpactIndex}. */
export class ImpactIndexBuilder {
  private readonly docs = new DocTable();
  private readonly postings = new PostingListsBuilder();
  private readonly termOf = new Map<number, number>();
  private readonly termIds: number[] = [];
  readonly scale: number;

  constructor(options: ImpactIndexOptions = {}) {
    this.scale = options.scale ?? 100;
    if (!(Number.isFinite(this.scale) && this.scale > 0)) {
      throw new RetrievekitError('INVALID_ARGUMENT', `scale must be a positive number, got ${this.scale}`, {
        where: { field: 'scale' },
      });
    }
  }

  /**
   * Adds document `id` with its sparse vector; weights quantising to 0 are not stored. Throws
   * `DUPLICATE_ID` for a repeated id, `NON_FINITE` / `INVALID_ARGUMENT` for bad weights.
   */
  add(id: string, vector: SparseVector): void {
    checkSparseVector(vector, `document "${id}"`, this.docs.ids.length);
    const doc = this.docs.add(id);
    for (let i = 0; i < vector.indices.length; i++) {
      const impact = Math.round((vector.values[i] as number) * this.scale);
      if (impact === 0) continue;
      if (impact > 0xffffffff) {
        throw new RetrievekitError(
          'INVALID_ARGUMENT',
          `document "${id}": weight ${vector.values[i]} overflows a 32-bit impact`,
          {
            where: { index: doc },
          },
        );
      }
      const vocabId = vector.indices[i] as number;
      let term = this.termOf.get(vocabId);
      if (term === undefined) {
        term = this.termIds.length;
        this.termOf.set(vocabId, term);
        this.termIds.push(vocabId);
      }
      this.postings.add(term, doc, impact);
    }
  }

  /** Freezes the postings; the builder should not be used afterwards. */
  build(): ImpactIndex {
    return new ImpactIndex({
      docIds: this.docs.ids,
      termIds: Uint32Array.from(this.termIds),
      postings: this.postings.build(this.termIds.length),
      scale: this.scale,
    });
  }
}

/**
 * Starts an impact index for learned sparse vectors.
 *
 * @example
 * ```ts
 * const builder = createImpactIndexBuilder();
 * builder.add('doc1', createSparseVector([[2003, 1.25], [7592, 0.4]]));
 * const index = builder.build();
 * index.search(createSparseVector([[2003, 0.9]]), { k: 10 });
 * ```
 */
export function createImpactIndexBuilder(options: ImpactIndexOptions = {}): ImpactIndexBuilder {
  return new ImpactIndexBuilder(options);
}
