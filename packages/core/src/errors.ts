/**
 * The error family shared by every retrievekit package.
 *
 * Each error has a stable machine-readable `code`, a message that says what was wrong, where it was
 * (file:line, field or index) and what to do, and the structured location in `where`.
 * Use {@link RetrievekitError.isInstance} rather than `instanceof`: it also recognises errors thrown by
 * another copy of this package (two versions installed side by side).
 */

/** Stable error codes. New codes may be added; existing ones never change meaning. */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'PARSE_ERROR'
  | 'DUPLICATE_ID'
  | 'EMPTY_INPUT'
  | 'MISSING_QUERY'
  | 'NOT_FOUND'
  | 'DIMENSION_MISMATCH'
  | 'NON_FINITE'
  | 'CORRUPT_DATA'
  | 'NETWORK'
  | 'OFFLINE'
  | 'CHECKSUM_MISMATCH'
  | 'UNSUPPORTED'
  | 'ABORTED'
  | 'RUNTIME';

/** Where an error happened: any subset of a file position, a field name and an item index. */
export interface ErrorLocation {
  /** Path or URL of the input. */
  file?: string;
  /** 1-based line number within `file`. */
  line?: number;
  /** Name of the offending field, column or option. */
  field?: string;
  /** 0-based index of the offending item in a batch or array. */
  index?: number;
}

/** Options of {@link RetrievekitError}. */
export interface RetrievekitErrorOptions {
  /** Where the problem is. Rendered as a `file:line` / `field` / `index` prefix of the message. */
  where?: ErrorLocation;
  /** What the user can do about it; appended to the message. */
  hint?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

const BRAND = Symbol.for('retrievekit.error');

/** Formats a location as `file:line`, `field "x"`, `index 3`, joined by commas. */
export function formatLocation(where: ErrorLocation): string {
  const parts: string[] = [];
  if (where.file !== undefined)
    parts.push(where.line !== undefined ? `${where.file}:${where.line}` : where.file);
  else if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.field !== undefined) parts.push(`field "${where.field}"`);
  if (where.index !== undefined) parts.push(`index ${where.index}`);
  return parts.join(', ');
}

/**
 * The base error of retrievekit.
 *
 * @example
 * ```ts
 * throw new RetrievekitError('PARSE_ERROR', 'score is not a number: "abc"', {
 *   where: { file: 'run.txt', line: 12, field: 'score' },
 *   hint: 'each run line is "qid Q0 docno rank score tag"',
 * });
 * // message: "run.txt:12, field \"score\": score is not a number: \"abc\" (each run line is ...)"
 * ```
 */
export class RetrievekitError extends Error {
  /** Stable code for programmatic handling. */
  readonly code: ErrorCode;
  /** Structured location of the problem. */
  readonly where: ErrorLocation;
  /** What to do about it, when known. */
  readonly hint: string | undefined;
  /** The message without location prefix or hint. */
  readonly detail: string;

  constructor(code: ErrorCode, detail: string, options: RetrievekitErrorOptions = {}) {
    const where = options.where ?? {};
    const location = formatLocation(where);
    const message = `${location ? `${location}: ` : ''}${detail}${options.hint ? ` (${options.hint})` : ''}`;
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetrievekitError';
    this.code = code;
    this.where = where;
    this.hint = options.hint;
    this.detail = detail;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for any retrievekit error, including ones from another copy of this package. */
  static isInstance(value: unknown): value is RetrievekitError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** True when `value` is a retrievekit error with the given code. */
  static hasCode(value: unknown, code: ErrorCode): value is RetrievekitError {
    return RetrievekitError.isInstance(value) && value.code === code;
  }
}

/** Throws `RetrievekitError('ABORTED')` when the signal has been aborted. Call it between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'operation'): void {
  if (signal?.aborted) {
    throw new RetrievekitError('ABORTED', `${what} was cancelled`, { cause: signal.reason });
  }
}
