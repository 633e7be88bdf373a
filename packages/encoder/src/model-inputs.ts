import { RetrievekitError } from '@retrievekit/core';
import type { EncodedBatch } from '@retrievekit/tokenizer';
import type { Int64Input, ModelSession } from './session.js';

const KNOWN_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'] as const;

/**
 * Checks that the model takes `input_ids` and `attention_mask` (and optionally `token_type_ids`) and
 * nothing else, and returns whether it wants token type ids.
 *
 * @throws `UNSUPPORTED` listing the model's inputs
 */
export function checkModelInputs(session: Pick<ModelSession, 'inputNames'>): { tokenTypes: boolean } {
  const names = session.inputNames;
  const missing = ['input_ids', 'attention_mask'].filter((n) => !names.includes(n));
  const unknown = names.filter((n) => !(KNOWN_INPUTS as readonly string[]).includes(n));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `lacks ${missing.join(', ')}` : '',
      unknown.length > 0 ? `has unknown inputs ${unknown.join(', ')}` : '',
    ].filter((p) => p !== '');
    throw new RetrievekitError(
      'UNSUPPORTED',
      `the model ${parts.join(' and ')}; its inputs are [${names.join(', ')}]`,
      {
        where: { field: 'inputNames' },
        hint: 'encoders feed input_ids, attention_mask and (BERT) token_type_ids: export the model with these input names',
      },
    );
  }
  return { tokenTypes: names.includes('token_type_ids') };
}

/** Checks that the model has `output`, else `UNSUPPORTED` listing its outputs. */
export function requireOutput(
  session: Pick<ModelSession, 'outputNames'>,
  output: string,
  what: string,
): void {
  if (!session.outputNames.includes(output)) {
    throw new RetrievekitError(
      'UNSUPPORTED',
      `a ${what} needs the output "${output}"; the model's outputs are [${session.outputNames.join(', ')}]`,
      { where: { field: 'outputNames' } },
    );
  }
}

/**
 * Checks that every id the tokenizer can emit has an embedding row: a tokenizer with more ids than the
 * model's `vocab_size` would index past the embedding matrix inside the runtime.
 *
 * @throws `DIMENSION_MISMATCH` naming both sizes
 */
export function checkVocabulary(tokenizerVocabSize: number, modelVocabSize: number | undefined): void {
  if (modelVocabSize === undefined) return;
  if (tokenizerVocabSize > modelVocabSize) {
    throw new RetrievekitError(
      'DIMENSION_MISMATCH',
      `the tokenizer has ${tokenizerVocabSize} ids but the model's embedding has ${modelVocabSize} rows (vocab_size)`,
      {
        where: { field: 'vocab_size' },
        hint: 'the tokenizer files do not belong to this model: use the tokenizer.json / vocab.txt shipped with the checkpoint',
      },
    );
  }
}

/** Throws `DIMENSION_MISMATCH` for the first id of the batch that is >= `modelVocabSize`. */
export function checkIdsInVocabulary(batch: EncodedBatch, modelVocabSize: number | undefined): void {
  if (modelVocabSize === undefined) return;
  const limit = BigInt(modelVocabSize);
  const ids = batch.inputIds;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as bigint;
    if (id >= limit || id < 0n) {
      throw new RetrievekitError(
        'DIMENSION_MISMATCH',
        `token id ${id} is outside the model's vocabulary of ${modelVocabSize}`,
        {
          where: { index: Math.floor(i / batch.seqLength) },
          hint: 'the tokenizer does not belong to this model',
        },
      );
    }
  }
}

/** The int64 feeds of a batch (rows x seqLength). */
export function batchFeeds(
  ids: BigInt64Array,
  mask: BigInt64Array,
  types: BigInt64Array,
  rows: number,
  seqLength: number,
  tokenTypes: boolean,
): Record<string, Int64Input> {
  const dims = [rows, seqLength];
  const feeds: Record<string, Int64Input> = {
    input_ids: { data: ids, dims },
    attention_mask: { data: mask, dims },
  };
  if (tokenTypes) feeds.token_type_ids = { data: types, dims };
  return feeds;
}
