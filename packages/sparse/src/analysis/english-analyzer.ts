import { javaLowerCase } from './lower-case.js';
import { porterStem } from './porter-stemmer.js';
import { DEFAULT_MAX_TOKEN_LENGTH, standardTokenize } from './standard-tokenizer.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';

/** Turns text into index terms. */
export interface Analyzer {
  /** Stable name, stored with a persisted index (an index must be queried with the analyzer it was built with). */
  readonly name: string;
  /** The terms of `text` in order (repeats kept). */
  analyze(text: string): string[];
}

/** Options of {@link createEnglishAnalyzer}. */
export interface EnglishAnalyzerOptions {
  /** Stop words removed after lower-casing. Default: Lucene's 33 English stop words. */
  stopWords?: ReadonlySet<string>;
  /** Apply the Porter stemmer. Default true. */
  stem?: boolean;
  /** Longer tokens are cut into pieces of this many UTF-16 units. Default 255. */
  maxTokenLength?: number;
}

const TERM_CACHE_LIMIT = 200_000;

/** Removes a trailing `'s`, `’s` or `＇s` (Lucene's `EnglishPossessiveFilter`). */
export function stripPossessive(token: string): string {
  const n = token.length;
  if (n < 2) return token;
  const last = token.charCodeAt(n - 1);
  const quote = token.charCodeAt(n - 2);
  if ((last === 0x73 || last === 0x53) && (quote === 0x27 || quote === 0x2019 || quote === 0xff07)) {
    return token.slice(0, n - 2);
  }
  return token;
}

/**
 * Anserini's default English analyzer: Lucene `StandardTokenizer` -> `EnglishPossessiveFilter` ->
 * `LowerCaseFilter` -> `StopFilter` (33 English stop words) -> `PorterStemFilter`.
 *
 * @example
 * ```ts
 * const analyzer = createEnglishAnalyzer();
 * analyzer.analyze("The dog's 3.5 running shoes"); // ['dog', '3.5', 'run', 'shoe']
 * ```
 */
export function createEnglishAnalyzer(options: EnglishAnalyzerOptions = {}): Analyzer {
  const stopWords = options.stopWords ?? ENGLISH_STOP_WORDS;
  const stem = options.stem ?? true;
  const maxTokenLength = options.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH;
  // raw token -> final term ('' for a stop word): one lookup per token once the vocabulary is warm
  const terms = new Map<string, string>();
  const normalize = (token: string): string => {
    const lowered = javaLowerCase(stripPossessive(token));
    if (stopWords.has(lowered)) return '';
    return stem ? porterStem(lowered) : lowered;
  };
  const custom = options.stopWords !== undefined || !stem || maxTokenLength !== DEFAULT_MAX_TOKEN_LENGTH;
  return {
    name: custom ? 'lucene-english-custom' : 'lucene-english',
    analyze(text: string): string[] {
      const out: string[] = [];
      for (const token of standardTokenize(text, maxTokenLength)) {
        let term = terms.get(token);
        if (term === undefined) {
          term = normalize(token);
          if (terms.size >= TERM_CACHE_LIMIT) terms.clear();
          terms.set(token, term);
        }
        if (term !== '') out.push(term);
      }
      return out;
    },
  };
}
