import { LENGTH_TABLE } from './norms.js';

const f = Math.fround;

/** BM25 parameters. Anserini's defaults are k1 = 0.9, b = 0.4 (Lucene's own are 1.2 / 0.75). */
export interface Bm25Parameters {
  /** Term-frequency saturation. Default 0.9. */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full). Default 0.4. */
  b: number;
}

/** Anserini's BM25 defaults. */
export const ANSERINI_BM25: Readonly<Bm25Parameters> = Object.freeze({ k1: 0.9, b: 0.4 });

/** Lucene's BM25 idf, `ln(1 + (N - df + 0.5) / (df + 0.5))` in double, rounded to float32. */
export function bm25Idf(docFreq: number, docCount: number): number {
  return f(Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5)));
}

/** Lucene's average field length: `sumTotalTermFreq / docCount` in double, rounded to float32. */
export function averageLength(sumTotalTermFreq: number, docCount: number): number {
  return docCount === 0 ? 0 : f(sumTotalTermFreq / docCount);
}

/**
 * Lucene's per-norm cache `1 / (k1 * ((1 - b) + b * LENGTH_TABLE[i] / avgdl))`, in float32 arithmetic.
 */
export function normInverseCache(parameters: Bm25Parameters, avgdl: number): Float32Array {
  const k1 = f(parameters.k1);
  const b = f(parameters.b);
  const cache = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    const length = LENGTH_TABLE[i] as number;
    cache[i] = f(1 / f(k1 * f(f(1 - b) + f(f(b * length) / avgdl))));
  }
  return cache;
}

/**
 * One term's BM25 score as Lucene computes it: `weight - weight / (1 + freq * normInverse)` in float32,
 * where `weight = boost * idf` (float32) and `normInverse` comes from {@link normInverseCache}.
 * `freqTimesNormInverse` is `fround(freq * normInverse)`.
 */
export function bm25TermScore(weight: number, freqTimesNormInverse: number): number {
  return f(weight - f(weight / f(1 + freqTimesNormInverse)));
}
