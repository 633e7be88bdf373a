import { RetrievekitError } from '@retrievekit/core';
import type { SourceLocation } from './text-source.js';

/** A `PARSE_ERROR` located at `at` (file:line), optionally naming the field, with a hint. */
export function parseError(
  at: SourceLocation,
  detail: string,
  hint?: string,
  field?: string,
): RetrievekitError {
  return new RetrievekitError('PARSE_ERROR', detail, {
    where: field === undefined ? { file: at.file, line: at.line } : { file: at.file, line: at.line, field },
    ...(hint === undefined ? {} : { hint }),
  });
}

/** Describes the JSON type of a value for error messages (`null`, `array`, `number`...). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
