import type { ContentIds } from './bert-fast-path.js';
import type { PrefixSafety } from './prefix-safety.js';
import { findSafeCut } from './prefix-safety.js';

/** Content tokens (no special tokens) of one text. */
export interface ContentTokens {
  /** Token ids of the whole text, or of a prefix holding at least the requested number of tokens. */
  readonly ids: readonly number[];
  /** True when `ids` are all the text's tokens; false when only a prefix was tokenised. */
  readonly complete: boolean;
}

/** Characters tried per needed token in the first prefix (English averages 4 to 5). */
const CHARS_PER_TOKEN_GUESS = 6;
/** Smallest prefix worth cutting, in characters. */
const MIN_PREFIX_CHARS = 256;
/** Factor the prefix grows by when it held too few tokens. */
const GROWTH = 4;

/**
 * Tokenises texts to content ids, cutting long texts to a prefix at a safe boundary when only the first
 * `needed` tokens matter. The prefix's ids equal the first ids of the whole text (see
 * {@link analysePrefixSafety}); when a prefix yields fewer than `needed` ids it is grown, and a text
 * without a safe cut point is tokenised whole.
 */
export class ContentEncoder {
  constructor(
    private readonly contentIds: ContentIds,
    private readonly safety: PrefixSafety,
  ) {}

  /** All content ids of `text` (already well-formed). */
  full(text: string): number[] {
    return this.contentIds(text);
  }

  /** At least `needed` leading content ids of `text`, or all of them when it has fewer. */
  leading(text: string, needed: number): ContentTokens {
    if (!this.safety.safe) return { ids: this.full(text), complete: true };
    let from = Math.max(MIN_PREFIX_CHARS, needed * CHARS_PER_TOKEN_GUESS);
    while (from < text.length) {
      const cut = findSafeCut(text, from, this.safety.cjkCuts);
      if (cut < 0 || cut > text.length * 0.8) break;
      const ids = this.full(text.slice(0, cut));
      if (ids.length >= needed) return { ids, complete: false };
      from = Math.max(cut + 1, from * GROWTH);
    }
    return { ids: this.full(text), complete: true };
  }
}
