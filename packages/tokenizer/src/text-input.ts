import type { Passage } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ANY_SURROGATE = /[\ud800-\udfff]/;

/**
 * Replaces lone UTF-16 surrogates with U+FFFD, which is what the Rust tokenizers see for them (strings are
 * converted to UTF-8 on the way in). BERT's normalizer then removes U+FFFD as an invalid character.
 */
export function toWellFormed(text: string): string {
  return ANY_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
}

/** Throws `INVALID_ARGUMENT` naming the index of the first item that is not a string. */
export function assertTexts(texts: unknown, field: string): asserts texts is readonly string[] {
  if (!Array.isArray(texts)) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${field} must be an array of strings, got ${typeof texts}`,
      {
        where: { field },
      },
    );
  }
  for (let i = 0; i < texts.length; i++) {
    const item: unknown = texts[i];
    if (typeof item !== 'string') {
      const kind = item === null ? 'null' : Array.isArray(item) ? 'array' : typeof item;
      throw new RetrievekitError('INVALID_ARGUMENT', `${field}[${i}] is ${kind}, not a string`, {
        where: { field, index: i },
        hint: 'pass plain strings; use passageText() to turn a { title, text } passage into one',
      });
    }
  }
}

/**
 * The text a dense model sees for a passage, by the BEIR convention (beir `SentenceBERT.encode_corpus`):
 * `title + " " + text`, trimmed, or just the trimmed text when there is no title.
 *
 * @example
 * ```ts
 * passageText({ id: '4983', title: 'Microstructural development', text: 'Alterations of ...' });
 * // 'Microstructural development Alterations of ...'
 * ```
 */
export function passageText(passage: Pick<Passage, 'text' | 'title'>): string {
  return passage.title === undefined ? passage.text.trim() : `${passage.title} ${passage.text}`.trim();
}
