import { RetrievekitError } from '@retrievekit/core';
import type { SourceLocation } from './text-source.js';

/**
 * Remembers the line of every id seen and throws `DUPLICATE_ID` naming both lines when one repeats.
 * Memory grows with the number of distinct ids (one map entry each).
 */
export class DuplicateIdGuard {
  private readonly firstLine = new Map<string, number>();

  /** @param what What the ids are, for the message (`'passage id'`, `'query id'`). */
  constructor(private readonly what: string) {}

  /** Records `id` seen at `at`; throws when it was seen before. */
  check(id: string, at: SourceLocation, field?: string): void {
    const first = this.firstLine.get(id);
    if (first !== undefined) {
      throw new RetrievekitError(
        'DUPLICATE_ID',
        `duplicate ${this.what} "${id}", first seen at ${at.file}:${first}`,
        {
          where:
            field === undefined ? { file: at.file, line: at.line } : { file: at.file, line: at.line, field },
          hint: 'ids must be unique within a file; remove or rename one of the two entries',
        },
      );
    }
    this.firstLine.set(id, at.line);
  }
}
