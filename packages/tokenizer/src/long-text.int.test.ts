// Prefix tokenisation of very long texts must give exactly the ids of full tokenisation.
import fc from 'fast-check';
import { Tokenizer as RustTokenizer } from 'tokenizers';
import { describe, expect, test } from 'vitest';
import { scifactTexts, tasbDir, tasbTokenizer } from './test-fixtures.js';

const tokenizer = tasbTokenizer();
const stock = tasbTokenizer({ accelerate: false });
const rust = RustTokenizer.fromFile(`${tasbDir}/tokenizer.json`);
const MB = 1 << 20;

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** What truncation to `maxLength` must give: the full ids' first content tokens, then the final [SEP]. */
function expectedTruncation(full: readonly number[], maxLength: number): number[] {
  if (full.length <= maxLength) return [...full];
  return [...full.slice(0, maxLength - 1), full[full.length - 1] as number];
}

const cjk = Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 2000))).join(
  '',
);
const longTexts: Record<string, string> = {
  'SciFact passages joined to 1 MB': (() => {
    const { passages } = scifactTexts();
    let text = '';
    for (let i = 0; text.length < MB; i++) text += `${passages[i % passages.length]} `;
    return text;
  })(),
  'a megabyte without spaces (one [UNK] word)': 'a'.repeat(MB),
  'a megabyte of punctuated text without spaces': repeatTo('ab,cd.', MB),
  'CJK without spaces (each char its own word)': cjk,
  'combining accents at every cut point': repeatTo(
    'cafe\u0301 \u0301x e\u0301\u0327\t\u0300中\u0301文\u0300 ',
    MB,
  ),
  'many spaces': repeatTo(`word${' '.repeat(5000)}`, MB),
  'newlines, tabs, NUL and CRLF around words': repeatTo('alpha\0 \r\nbeta\t\t\0gamma\n\n', MB),
};

describe('prefix tokenisation of long texts', () => {
  for (const [name, text] of Object.entries(longTexts)) {
    test(name, () => {
      const full = tokenizer.encode(text);
      for (const maxLength of [3, 30, 200, 512]) {
        expect(tokenizer.encode(text, { maxLength }), `maxLength ${maxLength}`).toEqual(
          expectedTruncation(full, maxLength),
        );
      }
    });
  }

  test('the prefix path runs for long texts and agrees with the Rust binding', async () => {
    rust.setTruncation(512);
    for (const name of ['SciFact passages joined to 1 MB', 'combining accents at every cut point']) {
      const text = longTexts[name] as string;
      const batch = tokenizer.encodeBatch([text], { maxLength: 512 });
      expect(batch.droppedTokens[0], name).toBe(-1); // only a prefix was tokenised
      expect(Array.from(batch.inputIds, Number)).toEqual((await rust.encode(text)).getIds());
    }
    rust.disableTruncation();
  });

  test('pairs of two long texts (both over budget, odd budget) equal Rust', async () => {
    const first = (longTexts['SciFact passages joined to 1 MB'] as string).slice(0, 200_000);
    const second = (longTexts['combining accents at every cut point'] as string).slice(0, 150_000);
    rust.setTruncation(512);
    for (const [a, b] of [
      [first, second],
      [second, first],
      [first.slice(0, 3000), second],
    ] as const) {
      const ours = tokenizer.encodePairs([a], [b], { maxLength: 512 });
      expect(Array.from(ours.inputIds, Number)).toEqual((await rust.encode(a, b)).getIds());
    }
    rust.disableTruncation();
  });

  test('a text with no safe cut point is tokenised whole (exact dropped count)', async () => {
    const text = repeatTo('ab,cd.', 20_000);
    const batch = tokenizer.encodeBatch([text], { maxLength: 30 });
    const rustContent = (await rust.encode(text)).getIds().length - 2;
    expect(batch.droppedTokens[0]).toBe(rustContent - 28); // no cut was possible: the count is exact
  });
});

const pieces = [
  'a',
  'b',
  'word',
  'é',
  'e',
  '\u0301',
  '\u0327',
  ' ',
  '   ',
  '\t',
  '\n',
  '\r\n',
  '.',
  ',',
  '-',
  '中',
  '文',
  '字',
  '\0',
  '\ufffd',
  '\ud800',
  '\udc00',
  '😀',
  'İ',
  'ß',
  '[SEP]',
  '[MASK]',
  '[',
  ']',
  '##',
  '\u00a0',
  '\u3000',
  '\u200b',
  'ﬁ',
  'x'.repeat(120),
  'unaffable',
  'Straße',
];

describe('prefix tokenisation property', () => {
  test('random texts of awkward pieces: prefix ids == full ids, fast path == library', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 50, maxLength: 900 }),
        fc.integer({ min: 3, max: 40 }),
        (parts, maxLength) => {
          const text = parts.join('');
          const full = tokenizer.encode(text);
          expect(stock.encode(text)).toEqual(full);
          expect(tokenizer.encode(text, { maxLength })).toEqual(expectedTruncation(full, maxLength));
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
  });

  test('random texts of awkward pieces: truncated ids == Rust binding', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...pieces), { minLength: 50, maxLength: 900 }),
        fc.integer({ min: 3, max: 40 }),
        async (parts, maxLength) => {
          const text = parts.join('');
          rust.setTruncation(maxLength);
          const expected = (await rust.encode(text)).getIds();
          rust.disableTruncation();
          expect(tokenizer.encode(text, { maxLength })).toEqual(expected);
        },
      ),
      { numRuns: 150, seed: 20261123 },
    );
  });
});
