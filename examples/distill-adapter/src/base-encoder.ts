import type { DenseBatch, Passage } from '@retrievekit/core';
import { createTfidfProjectionEncoder } from '@retrievekit/distill';
import { createEnglishAnalyzer } from '@retrievekit/sparse';

/** The frozen base encoder of the example: any dense encoder of queries and passages (same dim). */
export interface BaseEncoder {
  /** Shown in the report. */
  readonly name: string;
  readonly dim: number;
  encodeQueries(texts: readonly string[]): DenseBatch | Promise<DenseBatch>;
  encodePassages(passages: readonly Passage[]): DenseBatch | Promise<DenseBatch>;
}

/** BEIR's flat passage text: `title + " " + text`, or `text` without a title. */
export function flatPassageText(passage: Passage): string {
  return passage.title ? `${passage.title} ${passage.text}` : passage.text;
}

/**
 * The default base: a seeded sparse random projection (`dim`, default 768) of TF-IDF vectors fitted on
 * the corpus, through Anserini's English analyzer. Lexical signal only; nothing is learned.
 */
export function createDefaultBaseEncoder(corpus: readonly Passage[], dim: number, seed: number): BaseEncoder {
  const encoder = createTfidfProjectionEncoder(corpus.map(flatPassageText), createEnglishAnalyzer(), {
    dim,
    seed,
  });
  return {
    name: `tf-idf random projection (${dim}-d, seed ${seed}, ${encoder.vocabularySize} terms)`,
    dim,
    encodeQueries: (texts) => encoder.encode(texts),
    encodePassages: (passages) => encoder.encode(passages.map(flatPassageText)),
  };
}
