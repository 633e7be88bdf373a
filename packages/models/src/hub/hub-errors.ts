import { RetrievekitError } from '@retrievekit/core';

/** The error for a file that is needed but cannot be fetched: it says which file and how to supply it. */
export function missingFileError(
  repo: string,
  path: string,
  revision: string,
  reason: string,
  cachePath: string | undefined,
  cause?: unknown,
): RetrievekitError {
  const where = cachePath === undefined ? '' : ` and is not in the cache (${cachePath})`;
  return new RetrievekitError(
    'OFFLINE',
    `${reason}: "${path}" of ${repo} at revision ${revision} cannot be downloaded${where}`,
    {
      where: { file: path },
      hint:
        `download ${path} from https://huggingface.co/${repo}/tree/${revision} on a connected machine and pass the ` +
        'folder holding it as a local path instead of the repository id (or unset HF_HUB_OFFLINE)',
      cause,
    },
  );
}

/** Error for a failed HTTP status. */
export function httpError(status: number, url: string, repo: string, path: string): RetrievekitError {
  if (status === 404) {
    return new RetrievekitError('NOT_FOUND', `${repo} has no file "${path}" (HTTP 404)`, {
      where: { file: url },
      hint: 'check the repository id, the revision and the file name',
    });
  }
  if (status === 401 || status === 403) {
    return new RetrievekitError('NETWORK', `access to ${repo} was refused (HTTP ${status})`, {
      where: { file: url },
      hint: 'gated or private repositories need a token: set HF_TOKEN (or the token option)',
    });
  }
  return new RetrievekitError('NETWORK', `HTTP ${status} for "${path}" of ${repo}`, { where: { file: url } });
}
