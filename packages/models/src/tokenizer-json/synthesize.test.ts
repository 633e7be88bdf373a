import { describe, expect, it } from 'vitest';
import { parseVocab } from './parse-vocab.js';
import { synthesizeTokenizerJson } from './synthesize.js';

const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', '##s', 'cat'].join('\n');

describe('synthesizeTokenizerJson', () => {
  it('follows the tokenizer config flags', () => {
    const json = synthesizeTokenizerJson({
      vocab,
      tokenizerConfig: { do_lower_case: false, strip_accents: true, tokenize_chinese_chars: false },
    });
    expect(json.normalizer).toEqual({
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: false,
      strip_accents: true,
      lowercase: false,
    });
    expect(json.model.vocab).toEqual({
      '[PAD]': 0,
      '[UNK]': 1,
      '[CLS]': 2,
      '[SEP]': 3,
      '[MASK]': 4,
      the: 5,
      '##s': 6,
      cat: 7,
    });
    expect(json.post_processor.special_tokens['[SEP]']).toEqual({ id: '[SEP]', ids: [3], tokens: ['[SEP]'] });
    expect(json.added_tokens.map((t) => [t.id, t.content])).toEqual([
      [0, '[PAD]'],
      [1, '[UNK]'],
      [2, '[CLS]'],
      [3, '[SEP]'],
      [4, '[MASK]'],
    ]);
  });

  it('accepts AddedToken objects and lets special_tokens_map override', () => {
    const json = synthesizeTokenizerJson({
      vocab: `${vocab}\n<s>`,
      tokenizerConfig: { cls_token: { __type: 'AddedToken', content: '[MASK]' } },
      specialTokensMap: { cls_token: '<s>' },
    });
    expect(json.post_processor.single[0]).toEqual({ SpecialToken: { id: '<s>', type_id: 0 } });
  });

  it('names a special token missing from the vocabulary', () => {
    expect(() => synthesizeTokenizerJson({ vocab: 'a\nb', tokenizerConfig: {} })).toThrow(
      'vocab.txt, field "unk_token": special token "[UNK]" is not in the vocabulary',
    );
  });

  it('parses vocab.txt like load_vocab: CRLF, kept spaces, duplicates take the last id', () => {
    expect([...parseVocab('a\r\n b\na\n')]).toEqual([
      ['a', 2],
      [' b', 1],
    ]);
    expect(() => parseVocab('')).toThrow(/vocabulary is empty/);
  });
});
