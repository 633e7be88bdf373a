import { jsonType, parseError } from './parse-error.js';
import type { SourceLine } from './read-lines.js';

/** Parses one JSON Lines line that must hold a JSON object; `PARSE_ERROR` at file:line otherwise. */
export function parseJsonObject(line: SourceLine, hint: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (error) {
    throw parseError(line, `invalid JSON: ${(error as Error).message}`, hint);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw parseError(line, `expected a JSON object, got ${jsonType(value)}`, hint);
  }
  return value as Record<string, unknown>;
}

/** True for a line holding only whitespace (skipped by every reader: blank lines carry no record). */
export function isBlank(text: string): boolean {
  return text.trim().length === 0;
}
