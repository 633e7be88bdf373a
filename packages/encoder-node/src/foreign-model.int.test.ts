import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { createDenseEncoder } from '@retrievekit/encoder';
import { createTokenizer } from '@retrievekit/tokenizer';
import { describe, expect, it } from 'vitest';
import { sharedDir } from './model-folder.test-helper.js';
import { createNodeRuntime } from './node-runtime.js';

// vespa's dummy transformer: inputs input_ids + attention_mask, one output "output_0" [batch, tokens, 16],
// an embedding table of 20 rows; its toy tokenizer emits ids like 101 and 1037.
const folder = join(sharedDir, 'models/tiny-random-transformer-onnx');

describe('a model exported by others', () => {
  it('lists its outputs when the hidden states have another name, and catches the vocabulary mismatch before the runtime', async () => {
    const session = await createNodeRuntime().createSession(
      join(folder, 'dummy_transformer_without_type_ids.onnx'),
    );
    const tokenizer = createTokenizer({
      tokenizerJson: JSON.parse(readFileSync(join(folder, 'tokenizer.json'), 'utf8')) as Record<
        string,
        unknown
      >,
    });
    expect(() => createDenseEncoder({ session, tokenizer })).toThrow(
      'a dense encoder needs "last_hidden_state" or "sentence_embedding"; the model\'s outputs are [output_0]',
    );
    let runs = 0;
    const counted = {
      ...session,
      run: (...args: Parameters<typeof session.run>) => {
        runs++;
        return session.run(...args);
      },
    };
    const error = (() => {
      try {
        createDenseEncoder({
          session: counted,
          tokenizer,
          hiddenStatesOutput: 'output_0',
          modelVocabSize: 20,
        });
      } catch (e) {
        return e;
      }
    })();
    expect(RetrievekitError.hasCode(error, 'DIMENSION_MISMATCH')).toBe(true);
    expect((error as Error).message).toMatch(
      /the tokenizer has \d+ ids but the model's embedding has 20 rows/,
    );
    expect(runs).toBe(0);
    await session.release();
  });
});
