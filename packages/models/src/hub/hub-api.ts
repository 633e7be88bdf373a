import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { writeFileAtomic } from '@retrievekit/core/node';
import { assertCommit, assertRepoId, refPath } from './cache-paths.js';
import { hubGet, isUnreachable } from './http-get.js';
import type { ResolvedHubOptions } from './hub-config.js';
import { httpError, missingFileError } from './hub-errors.js';

/** A repository revision as the hub API describes it. */
export interface RepoRevision {
  /** The commit the revision resolved to. */
  commit: string;
  /** Every file path in the repository at that commit. */
  files: string[];
}

/**
 * Lists a repository's files at a revision with `GET {endpoint}/api/models/{repo}/revision/{revision}`
 * (its `sha` and `siblings[].rfilename`) and records the commit under `<cache>/…/refs/<revision>`.
 * Offline, only the recorded commit is known and `files` is empty.
 *
 * @throws `OFFLINE` when offline and the revision was never resolved, or when the hub is unreachable
 */
export async function fetchRepoRevision(repo: string, options: ResolvedHubOptions): Promise<RepoRevision> {
  assertRepoId(repo);
  const ref = refPath(options.cacheDir, repo, options.revision);
  if (options.offline) {
    const commit = await readFile(ref, 'utf8').catch(() => undefined);
    if (commit === undefined)
      throw missingFileError(
        repo,
        '(file list)',
        options.revision,
        'offline mode (HF_HUB_OFFLINE) and this revision was never downloaded',
        ref,
      );
    return { commit: commit.trim(), files: [] };
  }
  const url = `${options.endpoint}/api/models/${repo}/revision/${encodeURIComponent(options.revision)}`;
  let response: Response;
  try {
    ({ response } = await hubGet(url, {
      token: options.token,
      tokenOrigin: new URL(options.endpoint).origin,
      signal: options.signal,
    }));
  } catch (error) {
    if (isUnreachable(error))
      throw missingFileError(
        repo,
        '(file list)',
        options.revision,
        `${options.endpoint} is unreachable`,
        undefined,
        error,
      );
    throw new RetrievekitError('NETWORK', `cannot list ${repo}: ${String(error)}`, {
      where: { file: url },
      cause: error,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw httpError(response.status, url, repo, `revision ${options.revision}`);
  }
  const body = (await response.json()) as { sha?: unknown; siblings?: Array<{ rfilename?: unknown }> };
  if (typeof body.sha !== 'string' || !Array.isArray(body.siblings)) {
    throw new RetrievekitError('PARSE_ERROR', 'hub API answer lacks "sha" or "siblings"', {
      where: { file: url },
    });
  }
  assertCommit(body.sha);
  await mkdir(dirname(ref), { recursive: true });
  await writeFileAtomic(ref, body.sha);
  return { commit: body.sha, files: body.siblings.map((s) => String(s.rfilename)) };
}
