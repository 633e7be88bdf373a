import { RetrievekitError } from '@retrievekit/core';

/** The system error code behind a failed fetch (`ECONNREFUSED`, `ENOTFOUND`...), or its message. */
export function networkCauseCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const record = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof record.code === 'string' && record.code.length > 0) return record.code;
    if (Array.isArray(record.errors) && record.errors.length > 0) current = record.errors[0];
    else current = record.cause;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The `OFFLINE` error: which URL could not be reached, why, and how to do without it. */
export function offlineError(url: string, cause: unknown, hint: string): RetrievekitError {
  return new RetrievekitError('OFFLINE', `cannot reach ${url} (${networkCauseCode(cause)})`, { hint, cause });
}
