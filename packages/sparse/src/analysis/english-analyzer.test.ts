import { describe, expect, it } from 'vitest';
import { createEnglishAnalyzer, stripPossessive } from './english-analyzer.js';
import { javaLowerCase } from './lower-case.js';
import { ENGLISH_STOP_WORDS } from './stop-words.js';

describe('createEnglishAnalyzer (Anserini default English analyzer)', () => {
  const analyzer = createEnglishAnalyzer();

  it('tokenizes, strips possessives, lower-cases, removes stop words and stems', () => {
    expect(analyzer.analyze("The dog's 3.5 RUNNING shoes, and THEIR owners’s cats")).toEqual([
      'dog',
      '3.5',
      'run',
      'shoe',
      'owner',
      'cat',
    ]);
  });

  it('uses Lucene’s 33 English stop words', () => {
    expect(ENGLISH_STOP_WORDS.size).toBe(33);
    expect(analyzer.analyze('to be or not to be, that is the question')).toEqual(['question']);
    expect(analyzer.analyze('')).toEqual([]);
  });

  it('removes possessives only at the end of a token', () => {
    expect(stripPossessive("Jim's")).toBe('Jim');
    expect(stripPossessive('JIM’S')).toBe('JIM');
    expect(stripPossessive("'s")).toBe('');
    expect(stripPossessive("it'sx")).toBe("it'sx");
  });

  it('lower-cases per code point like Java (no final sigma, no special casing)', () => {
    expect(javaLowerCase('ΣΑΣ')).toBe('σασ');
    expect(javaLowerCase('İstanbul')).toBe('istanbul');
    expect(javaLowerCase('ABC')).toBe('abc');
  });

  it('names custom configurations differently from the default', () => {
    expect(analyzer.name).toBe('lucene-english');
    expect(createEnglishAnalyzer({ stem: false }).name).not.toBe('lucene-english');
    expect(createEnglishAnalyzer({ stem: false }).analyze('Running dogs')).toEqual(['running', 'dogs']);
  });
});
