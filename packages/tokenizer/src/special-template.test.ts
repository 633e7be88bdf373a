import { describe, expect, test } from 'vitest';
import { readSpecialTemplate } from './special-template.js';
import { tasbFiles } from './test-fixtures.js';

describe('readSpecialTemplate', () => {
  test('reads TAS-B TemplateProcessing: [CLS] A [SEP] / [CLS] A [SEP] B [SEP]', () => {
    const template = readSpecialTemplate(tasbFiles().tokenizerJson.post_processor);
    expect(template.singleAdded).toBe(2);
    expect(template.pairAdded).toBe(3);
    expect(template.pair).toEqual([
      { kind: 'special', ids: [101], typeId: 0 },
      { kind: 'sequence', sequence: 0, typeId: 0 },
      { kind: 'special', ids: [102], typeId: 0 },
      { kind: 'sequence', sequence: 1, typeId: 1 },
      { kind: 'special', ids: [102], typeId: 1 },
    ]);
  });

  test('BertProcessing and RobertaProcessing', () => {
    const bert = readSpecialTemplate({ type: 'BertProcessing', sep: ['[SEP]', 102], cls: ['[CLS]', 101] });
    expect(bert.pairAdded).toBe(3);
    const roberta = readSpecialTemplate({ type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0] });
    expect(roberta.pairAdded).toBe(4);
    expect(roberta.pair.every((piece) => piece.typeId === 0)).toBe(true);
    expect(readSpecialTemplate(null).singleAdded).toBe(0);
  });

  test('an unknown post-processor is refused with a hint', () => {
    expect(() => readSpecialTemplate({ type: 'Sequence', processors: [] })).toThrow(
      /post_processor type Sequence is not supported \(supported post-processors: TemplateProcessing/,
    );
  });
});
