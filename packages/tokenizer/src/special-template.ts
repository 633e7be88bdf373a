import { RetrievekitError } from '@retrievekit/core';

/** One piece of a post-processing template: special token ids, or the content of sequence 0 (A) or 1 (B). */
export type TemplatePiece =
  | { readonly kind: 'special'; readonly ids: readonly number[]; readonly typeId: number }
  | { readonly kind: 'sequence'; readonly sequence: 0 | 1; readonly typeId: number };

/**
 * How special tokens wrap the content tokens, read from the `post_processor` of tokenizer.json:
 * `single` for one text (`[CLS] A [SEP]` for BERT), `pair` for two (`[CLS] A [SEP] B [SEP]`).
 */
export interface SpecialTemplate {
  readonly single: readonly TemplatePiece[];
  readonly pair: readonly TemplatePiece[];
  /** Number of special tokens `single` adds. */
  readonly singleAdded: number;
  /** Number of special tokens `pair` adds. */
  readonly pairAdded: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unsupported(detail: string): RetrievekitError {
  return new RetrievekitError('UNSUPPORTED', detail, {
    where: { file: 'tokenizer.json', field: 'post_processor' },
    hint: 'supported post-processors: TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, none',
  });
}

function added(pieces: readonly TemplatePiece[]): number {
  let n = 0;
  for (const piece of pieces) if (piece.kind === 'special') n += piece.ids.length;
  return n;
}

function build(single: TemplatePiece[], pair: TemplatePiece[]): SpecialTemplate {
  return { single, pair, singleAdded: added(single), pairAdded: added(pair) };
}

function specialIds(specialTokens: Json, name: string): number[] {
  const entry = specialTokens[name];
  if (!isObject(entry) || !Array.isArray(entry.ids) || !entry.ids.every((id) => Number.isInteger(id))) {
    throw unsupported(`special token "${name}" of the template has no ids in special_tokens`);
  }
  return entry.ids as number[];
}

function templatePieces(items: unknown, specialTokens: Json): TemplatePiece[] {
  if (!Array.isArray(items)) throw unsupported('TemplateProcessing without a single/pair template list');
  return items.map((item): TemplatePiece => {
    if (isObject(item) && isObject(item.SpecialToken)) {
      const { id, type_id } = item.SpecialToken;
      return { kind: 'special', ids: specialIds(specialTokens, String(id)), typeId: Number(type_id ?? 0) };
    }
    if (isObject(item) && isObject(item.Sequence)) {
      const { id, type_id } = item.Sequence;
      if (id !== 'A' && id !== 'B')
        throw unsupported(`template sequence id must be A or B, got ${String(id)}`);
      return { kind: 'sequence', sequence: id === 'A' ? 0 : 1, typeId: Number(type_id ?? 0) };
    }
    throw unsupported(`unknown template item ${JSON.stringify(item)}`);
  });
}

function tokenPair(value: unknown, name: string): number {
  if (!Array.isArray(value) || !Number.isInteger(value[1])) throw unsupported(`${name} must be [token, id]`);
  return value[1] as number;
}

/**
 * Reads the special-token template of a tokenizer.json `post_processor`, so that special tokens can be
 * added after truncation (the way HF tokenizers do it: the content is cut, the specials are kept).
 */
export function readSpecialTemplate(postProcessor: unknown): SpecialTemplate {
  const seq = (sequence: 0 | 1, typeId: number): TemplatePiece => ({ kind: 'sequence', sequence, typeId });
  const special = (id: number, typeId: number): TemplatePiece => ({ kind: 'special', ids: [id], typeId });
  if (postProcessor === null || postProcessor === undefined)
    return build([seq(0, 0)], [seq(0, 0), seq(1, 1)]);
  if (!isObject(postProcessor)) throw unsupported('post_processor is not an object');
  switch (postProcessor.type) {
    case 'TemplateProcessing': {
      const specials = isObject(postProcessor.special_tokens) ? postProcessor.special_tokens : {};
      return build(
        templatePieces(postProcessor.single, specials),
        templatePieces(postProcessor.pair, specials),
      );
    }
    case 'BertProcessing': {
      const cls = tokenPair(postProcessor.cls, 'cls');
      const sep = tokenPair(postProcessor.sep, 'sep');
      return build(
        [special(cls, 0), seq(0, 0), special(sep, 0)],
        [special(cls, 0), seq(0, 0), special(sep, 0), seq(1, 1), special(sep, 1)],
      );
    }
    case 'RobertaProcessing': {
      const cls = tokenPair(postProcessor.cls, 'cls');
      const sep = tokenPair(postProcessor.sep, 'sep');
      return build(
        [special(cls, 0), seq(0, 0), special(sep, 0)],
        [special(cls, 0), seq(0, 0), special(sep, 0), special(sep, 0), seq(1, 0), special(sep, 0)],
      );
    }
    case 'ByteLevel':
      return build([seq(0, 0)], [seq(0, 0), seq(1, 1)]);
    default:
      throw unsupported(`post_processor type ${String(postProcessor.type)} is not supported`);
  }
}
