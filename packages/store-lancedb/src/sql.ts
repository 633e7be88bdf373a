import type { Metadata, MetadataEquals, MetadataValue } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

/**
 * A SQL string literal of `value` for LanceDB `where` clauses: single quotes doubled, so
 * `x' OR 1=1 --` stays one string. Control characters pass through unchanged (they are data).
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A backtick-quoted identifier (backticks inside doubled), as Lance's SQL dialect reads them. */
export function sqlIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

function checkValue(key: string, value: MetadataValue): void {
  const ok =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value));
  if (!ok) {
    throw new RetrievekitError('INVALID_ARGUMENT', `metadata "${key}" is ${String(value)}`, {
      where: { field: key },
      hint: 'metadata values are strings, finite numbers, booleans or null',
    });
  }
}

/**
 * The term of one metadata entry in the `metadata_terms` list column: the JSON of the key, `=`, the
 * JSON of the value (`"group"=1`, `"tag"="x"`, `"k"=null`). JSON keeps types apart (`1` vs `"1"`) and
 * the key's closing quote makes the split unambiguous; `-0` is written `0` (as `-0 === 0`).
 */
export function metadataTerm(key: string, value: MetadataValue): string {
  checkValue(key, value);
  return `${JSON.stringify(key)}=${JSON.stringify(value)}`;
}

/** All terms of one record's metadata (empty without metadata). */
export function metadataTerms(metadata: Metadata | undefined): string[] {
  if (metadata === undefined) return [];
  return Object.entries(metadata).map(([key, value]) => metadataTerm(key, value));
}

/**
 * The SQL `where` of an equality filter: `array_has_all(metadata_terms, [...])` over escaped string
 * literals; `undefined` for `{}` (matches everything). A missing key is never in the list, and
 * `null` matches only an explicit `null`, as the contract says.
 */
export function equalityWhere(filter: MetadataEquals): string | undefined {
  const terms = Object.entries(filter).map(([key, value]) => sqlString(metadataTerm(key, value)));
  if (terms.length === 0) return undefined;
  return `array_has_all(${sqlIdentifier('metadata_terms')}, [${terms.join(', ')}])`;
}

/** `id IN (...)` over escaped literals. */
export function idsIn(ids: readonly string[]): string {
  return `${sqlIdentifier('id')} IN (${ids.map(sqlString).join(', ')})`;
}
