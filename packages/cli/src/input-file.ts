import { statSync } from 'node:fs';
import { RetrievekitError } from '@retrievekit/core';

/** Checks that `path` (given with `flag`) is a readable file: `NOT_FOUND` naming it and the flag otherwise. */
export function assertInputFile(path: string, flag: string): void {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new RetrievekitError('NOT_FOUND', 'no such file', {
      where: { file: path },
      hint: `check the path given to ${flag}`,
    });
  }
  if (!isFile)
    throw new RetrievekitError('NOT_FOUND', 'not a file', {
      where: { file: path },
      hint: `${flag} expects a file`,
    });
}
