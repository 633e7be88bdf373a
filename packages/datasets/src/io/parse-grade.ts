import { parseError } from './parse-error.js';
import type { SourceLocation } from './text-source.js';

const INTEGER = /^[+-]?\d+$/;

/** Parses a relevance grade: an integer (negative allowed). `PARSE_ERROR` at file:line otherwise. */
export function parseGrade(text: string, at: SourceLocation, hint: string, field: string): number {
  if (!INTEGER.test(text)) throw parseError(at, `relevance "${text}" is not an integer`, hint, field);
  const grade = Number(text);
  if (!Number.isSafeInteger(grade)) throw parseError(at, `relevance "${text}" is out of range`, hint, field);
  return grade;
}
