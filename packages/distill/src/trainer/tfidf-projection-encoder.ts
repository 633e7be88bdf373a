import type { DenseBatch } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

/** Splits text into index terms (e.g. `@retrievekit/sparse`'s `createEnglishAnalyzer()`). */
export interface TermAnalyzer {
  analyze(text: string): string[];
}

/** Options of {@link createTfidfProjectionEncoder}. */
export interface TfidfProjectionOptions {
  /** Output dimension. Default 768 (BERT_Dot's width). */
  readonly dim?: number;
  /** Non-zero coordinates of each term's random vector. Default 16. */
  readonly termNonZeros?: number;
  /** Seed of the projection. Default 42. */
  readonly seed?: number;
  /** Every output vector is a unit vector times this. Default 10, so dot products lie in [-100, 100]. */
  readonly scale?: number;
}

/** A frozen, nothing-learned dense encoder: a seeded random projection of TF-IDF vectors. */
export interface TfidfProjectionEncoder {
  readonly dim: number;
  /** Terms seen in the fitting corpus. */
  readonly vocabularySize: number;
  /** Encodes texts as one row each (float32, row-major). */
  encode(texts: readonly string[]): DenseBatch;
}

function fnv1a(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * Fits document frequencies on `corpus` and returns an encoder mapping a text to
 * `scale * P x / |P x|`, where x is its TF-IDF vector (`(1 + ln tf) * (ln((N + 1) / (df + 1)) + 1)`) and
 * P a fixed sparse random projection (each term: `termNonZeros` coordinates of +-1/sqrt(termNonZeros),
 * chosen by a seeded hash of the term), so dot products approximate scaled TF-IDF cosines. Terms absent
 * from the corpus are ignored (they could match nothing). A text without known terms encodes as zeros.
 * A lexical baseline for adapter-training demos when no pretrained encoder is at hand.
 */
export function createTfidfProjectionEncoder(
  corpus: Iterable<string>,
  analyzer: TermAnalyzer,
  options: TfidfProjectionOptions = {},
): TfidfProjectionEncoder {
  const dim = options.dim ?? 768;
  const nonZeros = options.termNonZeros ?? 16;
  const seed = options.seed ?? 42;
  const scale = options.scale ?? 10;
  if (!Number.isInteger(dim) || dim < 1 || !Number.isInteger(nonZeros) || nonZeros < 1 || nonZeros > dim) {
    throw new RetrievekitError('INVALID_ARGUMENT', `dim ${dim} / termNonZeros ${nonZeros} are invalid`, {
      where: { field: 'dim' },
      hint: 'dim and termNonZeros must be positive integers with termNonZeros <= dim',
    });
  }
  const df = new Map<string, number>();
  let documents = 0;
  for (const text of corpus) {
    documents++;
    for (const term of new Set(analyzer.analyze(text))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log((documents + 1) / (count + 1)) + 1);
  const coordinates = new Map<string, Int32Array>();
  const coordinatesOf = (term: string): Int32Array => {
    let coords = coordinates.get(term);
    if (coords === undefined) {
      // signed coordinate codes: +(c + 1) or -(c + 1); positions drawn by an xorshift seeded from the term
      coords = new Int32Array(nonZeros);
      let state = fnv1a(term, seed) || 1;
      for (let k = 0; k < nonZeros; k++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const bits = state >>> 0;
        const sign = bits & 1 ? 1 : -1;
        coords[k] = sign * (((bits >>> 1) % dim) + 1);
      }
      coordinates.set(term, coords);
    }
    return coords;
  };
  const encode = (texts: readonly string[]): DenseBatch => {
    const data = new Float32Array(texts.length * dim);
    const row = new Float64Array(dim);
    texts.forEach((text, r) => {
      row.fill(0);
      const counts = new Map<string, number>();
      for (const term of analyzer.analyze(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        const weight = idf.get(term);
        if (weight === undefined) continue;
        const value = ((1 + Math.log(tf)) * weight) / Math.sqrt(nonZeros);
        for (const code of coordinatesOf(term)) {
          const c = Math.abs(code) - 1;
          row[c] = (row[c] as number) + (code > 0 ? value : -value);
        }
      }
      let norm = 0;
      for (let k = 0; k < dim; k++) norm += (row[k] as number) ** 2;
      if (norm === 0) return;
      const factor = scale / Math.sqrt(norm);
      for (let k = 0; k < dim; k++) data[r * dim + k] = (row[k] as number) * factor;
    });
    return { data, rows: texts.length, dim };
  };
  return { dim, vocabularySize: df.size, encode };
}
