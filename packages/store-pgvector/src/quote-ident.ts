import { RetrievekitError } from '@retrievekit/core';

const MAX_IDENTIFIER_BYTES = 63;

/**
 * Quotes `name` as a PostgreSQL identifier (like `quote_ident`, but always quoted): doubles every `"`
 * and wraps the result in `"`. Rejects names Postgres would silently change or cannot hold: empty,
 * longer than 63 UTF-8 bytes (Postgres truncates them), containing NUL or lone UTF-16 surrogates.
 */
export function quoteIdent(name: string, field: string): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be a non-empty string`, {
      where: { field },
    });
  }
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} is ${bytes} bytes long, the limit is 63`, {
      where: { field },
      hint: 'PostgreSQL truncates longer identifiers, so two names could collide; use a shorter name',
    });
  }
  if (name.includes('\u0000') || hasLoneSurrogate(name)) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} contains a NUL or an unpaired surrogate`, {
      where: { field },
    });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` holds a UTF-16 surrogate without its pair (it cannot be encoded as UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
