import type { ContentTokens } from './content-encoder.js';
import type { AssembledRow } from './encoded-batch.js';
import { longestFirstLengths } from './longest-first.js';
import type { TemplatePiece } from './special-template.js';

function applyTemplate(
  pieces: readonly TemplatePiece[],
  first: readonly number[],
  keepFirst: number,
  second: readonly number[],
  keepSecond: number,
): { ids: number[]; typeIds: number[] } {
  const ids: number[] = [];
  const typeIds: number[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'special') {
      for (const id of piece.ids) {
        ids.push(id);
        typeIds.push(piece.typeId);
      }
      continue;
    }
    const source = piece.sequence === 0 ? first : second;
    const keep = piece.sequence === 0 ? keepFirst : keepSecond;
    for (let j = 0; j < keep; j++) {
      ids.push(source[j] as number);
      typeIds.push(piece.typeId);
    }
  }
  return { ids, typeIds };
}

/**
 * One text wrapped in the single template, its content cut to `budget` tokens (the last content tokens
 * are dropped; the special tokens stay), as HF tokenizers truncate.
 */
export function singleRow(
  pieces: readonly TemplatePiece[],
  content: ContentTokens,
  budget: number,
): AssembledRow {
  const total = content.ids.length;
  const keep = Math.min(total, budget);
  const dropped = total <= budget ? 0 : content.complete ? total - budget : -1;
  return { ...applyTemplate(pieces, content.ids, keep, [], 0), dropped };
}

/**
 * A pair wrapped in the pair template, cut to `budget` content tokens with HF's longest-first rule, each
 * side first capped at `maxLength` tokens. An incomplete side must hold at least `maxLength` ids: then
 * the kept lengths do not depend on its uncounted tail.
 */
export function pairRow(
  pieces: readonly TemplatePiece[],
  first: ContentTokens,
  second: ContentTokens,
  budget: number,
  maxLength: number,
): AssembledRow {
  const [keepFirst, keepSecond] = longestFirstLengths(first.ids.length, second.ids.length, budget, maxLength);
  const droppedFirst = first.ids.length - keepFirst;
  const droppedSecond = second.ids.length - keepSecond;
  const anyDropped = droppedFirst + droppedSecond > 0;
  const counted = first.complete && second.complete;
  const dropped = !anyDropped ? 0 : counted ? droppedFirst + droppedSecond : -1;
  return { ...applyTemplate(pieces, first.ids, keepFirst, second.ids, keepSecond), dropped };
}
