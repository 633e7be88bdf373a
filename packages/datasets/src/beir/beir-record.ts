import { jsonType, parseError } from '../io/parse-error.js';
import type { SourceLine } from '../io/read-lines.js';

/** Reads the `_id` of a BEIR record: a non-empty string (a number is accepted and turned into a string). */
export function readBeirId(record: Record<string, unknown>, line: SourceLine, hint: string): string {
  const id = record._id;
  if (id === undefined) throw parseError(line, 'missing "_id"', hint, '_id');
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  if (typeof id !== 'string')
    throw parseError(line, `"_id" must be a string, got ${jsonType(id)}`, hint, '_id');
  if (id.length === 0) throw parseError(line, '"_id" is empty', hint, '_id');
  return id;
}

/** Reads a required string field (`text`). */
export function readBeirText(
  record: Record<string, unknown>,
  field: string,
  line: SourceLine,
  hint: string,
): string {
  const value = record[field];
  if (value === undefined) throw parseError(line, `missing "${field}"`, hint, field);
  if (typeof value !== 'string') {
    throw parseError(line, `"${field}" must be a string, got ${jsonType(value)}`, hint, field);
  }
  return value;
}

/**
 * Collects what a BEIR record carries besides the known fields: its `metadata` object (kept as is) and any
 * other top-level field (e.g. Cranfield's `original_id`), merged into one object; undefined when empty.
 */
export function readBeirMetadata(
  record: Record<string, unknown>,
  known: readonly string[],
  line: SourceLine,
  hint: string,
): Record<string, unknown> | undefined {
  const raw = record.metadata;
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw parseError(line, `"metadata" must be an object, got ${jsonType(raw)}`, hint, 'metadata');
  }
  const metadata: Record<string, unknown> = { ...((raw ?? {}) as Record<string, unknown>) };
  for (const key of Object.keys(record)) {
    if (key !== 'metadata' && !known.includes(key)) metadata[key] = record[key];
  }
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}
