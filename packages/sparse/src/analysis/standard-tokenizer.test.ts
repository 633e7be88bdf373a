import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { standardTokenize } from './standard-tokenizer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const shared = path.resolve(repoRoot, '../shared');

describe('standardTokenize (Lucene StandardTokenizer, UAX #29)', () => {
  it.each([
    // expectations from Lucene's TestStandardAnalyzer and the UAX #29 rules
    ["Wha\u0301t's this thing do?", ["Wha\u0301t's", 'this', 'thing', 'do']],
    ['C++ R2D2 C3PO B2B 2B', ['C', 'R2D2', 'C3PO', 'B2B', '2B']],
    [
      'some-dashed-phrase dogs,chase,cats ac/dc',
      ['some', 'dashed', 'phrase', 'dogs', 'chase', 'cats', 'ac', 'dc'],
    ],
    ["O'Reilly you're she's O'Reilly's", ["O'Reilly", "you're", "she's", "O'Reilly's"]],
    [
      '21.35 216.239.63.104 1,000 3.5% 1-800-555-1212',
      ['21.35', '216.239.63.104', '1,000', '3.5', '1', '800', '555', '1212'],
    ],
    ['U.S.A. e.g. foo:bar', ['U.S.A', 'e.g', 'foo:bar']],
    ['test_token ___ _a 5_', ['test_token', '_a', '5_']],
    ['我是中国人 カタカナ ひらがな', ['我', '是', '中', '国', '人', 'カタカナ', 'ひ', 'ら', 'が', 'な']],
    ['ไทยภาษา 한국어 naïve', ['ไทยภาษา', '한국어', 'naïve']],
    ['me@example.com http://a.b/c?d=1', ['me', 'example.com', 'http', 'a.b', 'c', 'd', '1']],
    ['😀 👨\u200d👩\u200d👧 🇺🇸', ['😀', '👨\u200d👩\u200d👧', '🇺🇸']],
    ['', []],
    ['  ... !!! ', []],
  ])('%j', (text, expected) => {
    expect(standardTokenize(text)).toEqual(expected);
  });

  it('cuts tokens longer than 255 UTF-16 units into pieces, as Lucene does', () => {
    expect(standardTokenize(`${'a'.repeat(300)} b`).map((t) => t.length)).toEqual([255, 45, 1]);
    expect(standardTokenize('abcdef', 4)).toEqual(['abcd', 'ef']);
  });

  it('agrees with ICU word segmentation (Intl.Segmenter) on SciFact documents', () => {
    // ICU implements UAX #29 too (tailoring only ':' and a few rare characters): an independent check.
    const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
    const lines = readFileSync(path.join(shared, 'data/scifact/corpus.jsonl'), 'utf8')
      .split('\n')
      .slice(0, 400);
    let compared = 0;
    const mismatches: string[] = [];
    for (const line of lines) {
      if (!line) continue;
      const doc = JSON.parse(line) as { title: string; text: string };
      const text = `${doc.title} ${doc.text}`;
      const icu = [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
      if (standardTokenize(text).join('\u0001') !== icu.join('\u0001')) mismatches.push(text.slice(0, 80));
      compared++;
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBe(400);
  });
});
