/** Words kept in the cache before it is emptied (bounded memory on huge corpora). */
const CACHE_LIMIT = 200_000;

/** The WordPiece options of tokenizer.json. */
export interface WordPieceConfig {
  vocab: Record<string, number>;
  unk_token: string;
  continuing_subword_prefix?: string;
  max_input_chars_per_word?: number;
}

/**
 * WordPiece (greedy longest-match-first, as HF tokenizers do it) straight to ids, with a word -> ids cache
 * (words repeat a lot in a corpus) and candidate pieces no longer than the longest vocabulary entry.
 */
export class WordPieceIds {
  private readonly cache = new Map<string, readonly number[]>();
  private readonly vocab: Map<string, number>;
  private readonly prefix: string;
  private readonly unk: readonly number[];
  private readonly maxChars: number;
  private readonly longestPiece: number;

  /**
   * @param config the `model` section of tokenizer.json
   * @param addedTokens added tokens (content -> id); like `@huggingface/tokenizers`, they join the vocabulary
   */
  constructor(config: WordPieceConfig, addedTokens: ReadonlyMap<string, number> = new Map()) {
    this.vocab = new Map(Object.entries(config.vocab));
    for (const [content, id] of addedTokens) this.vocab.set(content, id);
    this.prefix = config.continuing_subword_prefix ?? '##';
    this.maxChars = config.max_input_chars_per_word ?? 100;
    const unkId = this.vocab.get(config.unk_token);
    if (unkId === undefined) throw new Error(`unk_token ${config.unk_token} is not in the vocabulary`);
    this.unk = [unkId];
    let longest = 0;
    for (const piece of this.vocab.keys()) {
      const length = piece.startsWith(this.prefix) ? piece.length - this.prefix.length : piece.length;
      if (length > longest) longest = length;
    }
    this.longestPiece = longest;
  }

  /** Appends the ids of `word` to `out`. */
  push(word: string, out: number[]): void {
    let ids = this.cache.get(word);
    if (ids === undefined) {
      ids = this.split(word);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(word, ids);
    }
    for (let k = 0; k < ids.length; k++) out.push(ids[k] as number);
  }

  /** Greedy longest-match-first ids of one word; `[unk]` when a position has no match or the word is too long. */
  private split(word: string): readonly number[] {
    // Code point boundaries: UTF-16 index of each character's start, then the end.
    const bounds: number[] = [];
    for (let i = 0; i < word.length; i++) {
      bounds.push(i);
      const code = word.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < word.length) {
        const next = word.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
    const chars = bounds.length;
    if (chars > this.maxChars) return this.unk;
    bounds.push(word.length);
    const out: number[] = [];
    let start = 0;
    while (start < chars) {
      let found: number | undefined;
      let end = Math.min(chars, start + this.longestPiece);
      for (; end > start; end--) {
        const body = word.slice(bounds[start], bounds[end]);
        found = this.vocab.get(start > 0 ? this.prefix + body : body);
        if (found !== undefined) break;
      }
      if (found === undefined) return this.unk;
      out.push(found);
      start = end;
    }
    return out;
  }
}
