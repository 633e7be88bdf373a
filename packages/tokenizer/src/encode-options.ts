import type { LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

/** Options of the batch encoders. */
export interface EncodeBatchOptions extends LongTaskOptions {
  /**
   * Most tokens per row, special tokens included. Defaults: the side's default for `encodeQueries` /
   * `encodePassages` (see {@link CreateTokenizerOptions.maxLength}), else the model's `model_max_length`.
   * Must be at least the number of special tokens the template adds and at most `model_max_length`.
   */
  maxLength?: number;
  /**
   * `'longest'` (default): pad to the batch's longest row (dynamic padding). `'max_length'`: pad every row
   * to `maxLength` (fixed shapes, e.g. for a static ONNX graph).
   */
  padding?: 'longest' | 'max_length';
  /**
   * `true` (default): drop the last content tokens of texts longer than `maxLength` (the special tokens
   * stay) and report it in `truncated` / `droppedTokens`. `false`: throw `INVALID_ARGUMENT` naming the
   * first text that does not fit.
   */
  truncation?: boolean;
  /**
   * `true`: tokenise whole texts so `droppedTokens` is exact. Default `false`: a long text is tokenised
   * only as far as needed (same ids, much faster for megabyte inputs) and its `droppedTokens` is -1.
   */
  countDropped?: boolean;
}

/** Options resolved and checked. */
export interface ResolvedOptions {
  readonly maxLength: number;
  readonly padding: 'longest' | 'max_length';
  readonly truncation: boolean;
  readonly countDropped: boolean;
}

/** Checks a max length against the template's special tokens and the model's limit. */
export function checkMaxLength(
  maxLength: unknown,
  specialTokens: number,
  modelMaxLength: number | undefined,
  field = 'maxLength',
): number {
  const least = Math.max(1, specialTokens);
  if (typeof maxLength !== 'number' || !Number.isInteger(maxLength) || maxLength < least) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${field} must be an integer >= ${least} (the template adds ${specialTokens} special tokens), got ${String(maxLength)}`,
      { where: { field } },
    );
  }
  if (modelMaxLength !== undefined && maxLength > modelMaxLength) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `${field} ${maxLength} is larger than the model's model_max_length ${modelMaxLength}`,
      { where: { field }, hint: 'position embeddings end there; use a smaller maxLength' },
    );
  }
  return maxLength;
}

/** Resolves defaults and validates every option. */
export function resolveOptions(
  options: EncodeBatchOptions,
  defaultMaxLength: number,
  specialTokens: number,
  modelMaxLength: number | undefined,
): ResolvedOptions {
  const maxLength = checkMaxLength(options.maxLength ?? defaultMaxLength, specialTokens, modelMaxLength);
  const padding = options.padding ?? 'longest';
  if (padding !== 'longest' && padding !== 'max_length') {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `padding must be 'longest' or 'max_length', got ${String(padding)}`,
      {
        where: { field: 'padding' },
      },
    );
  }
  return {
    maxLength,
    padding,
    truncation: options.truncation ?? true,
    countDropped: options.countDropped ?? false,
  };
}
