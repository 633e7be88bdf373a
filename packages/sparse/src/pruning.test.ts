import { createSparseVector } from '@retrievekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBm25IndexBuilder } from './bm25-index-builder.js';
import { createImpactIndexBuilder } from './impact-index-builder.js';

// Few distinct words and lengths so that many documents tie: the tie order is exercised too.
const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'eps', 'zeta', 'eta', 'theta');
const doc = fc.array(word, { minLength: 0, maxLength: 12 }).map((words) => words.join(' '));
const docId = fc.stringMatching(/^[a-z0-9]{1,4}$/);

describe('MaxScore pruning equals exhaustive scoring (ties included)', () => {
  it('BM25 on random corpora, queries and k', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(docId, doc), { minLength: 1, maxLength: 80, selector: ([id]) => id }),
        fc.array(fc.array(word, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (docs, queries, k, k1, b) => {
          const builder = createBm25IndexBuilder({ k1, b });
          for (const [id, text] of docs) builder.add({ id, text });
          const index = builder.build();
          for (const q of queries) {
            const text = q.join(' ');
            const pruned = index.search(text, { k });
            const exhaustive = index.search(text, { k, exhaustive: true });
            expect(pruned.ids).toEqual(exhaustive.ids);
            expect(Array.from(pruned.scores)).toEqual(Array.from(exhaustive.scores));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('impact scoring on random sparse vectors', () => {
    const vector = fc
      .uniqueArray(
        fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0.001, 0.5, 1, 1.25, 2, 3.337)),
        {
          maxLength: 10,
          selector: ([i]) => i,
        },
      )
      .map((entries) => createSparseVector(entries));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(docId, vector), { minLength: 1, maxLength: 80, selector: ([id]) => id }),
        fc.array(vector, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 30 }),
        (docs, queries, k) => {
          const builder = createImpactIndexBuilder();
          for (const [id, v] of docs) builder.add(id, v);
          const index = builder.build();
          for (const q of queries) {
            const pruned = index.search(q, { k });
            const exhaustive = index.search(q, { k, exhaustive: true });
            expect(pruned.ids).toEqual(exhaustive.ids);
            expect(Array.from(pruned.scores)).toEqual(Array.from(exhaustive.scores));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
