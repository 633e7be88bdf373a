import { RetrievekitError } from '@retrievekit/core';

/**
 * Parses a BERT `vocab.txt` (one token per line, id = 0-based line number) the way `transformers`'
 * `load_vocab` does: only the line break is removed, so tokens keep other whitespace; a repeated token
 * keeps its first position in the map but takes the id of its last line.
 *
 * @throws `EMPTY_INPUT` for an empty vocabulary
 */
export function parseVocab(text: string, file = 'vocab.txt'): Map<string, number> {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const vocab = new Map<string, number>();
  lines.forEach((line, id) => {
    vocab.set(line.endsWith('\r') ? line.slice(0, -1) : line, id);
  });
  if (vocab.size === 0) throw new RetrievekitError('EMPTY_INPUT', 'vocabulary is empty', { where: { file } });
  return vocab;
}
