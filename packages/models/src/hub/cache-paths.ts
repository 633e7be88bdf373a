import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';

const REPO_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

/** Checks a repo id (`owner/name` or `name`) so it can be used safely in URLs and cache paths. */
export function assertRepoId(repo: string): void {
  if (!REPO_ID.test(repo) || repo.includes('..')) {
    throw new RetrievekitError('INVALID_ARGUMENT', `invalid repository id ${JSON.stringify(repo)}`, {
      where: { field: 'repo' },
      hint: 'expected "owner/name", e.g. "sentence-transformers/msmarco-distilbert-base-tas-b"',
    });
  }
}

/** Checks a file path inside a repository (no absolute paths, no `..` segments). */
export function assertRepoPath(path: string): void {
  if (
    path === '' ||
    path.startsWith('/') ||
    path.split('/').some((s) => s === '..' || s === '.' || s === '')
  ) {
    throw new RetrievekitError('INVALID_ARGUMENT', `invalid file path ${JSON.stringify(path)} in repository`);
  }
}

/** Checks a commit id returned by the hub before it becomes a folder name. */
export function assertCommit(commit: string): void {
  if (!/^[\w.-]+$/.test(commit) || commit.startsWith('.')) {
    throw new RetrievekitError('CORRUPT_DATA', `hub returned an invalid commit id ${JSON.stringify(commit)}`);
  }
}

/** Cache folder of a repository: `<cache>/models--<owner>--<name>`. */
export function repoCacheDir(cacheDir: string, repo: string): string {
  return join(cacheDir, `models--${repo.replace('/', '--')}`);
}

/** Folder holding the files of one commit: `<repo cache>/snapshots/<commit>`. */
export function snapshotDir(cacheDir: string, repo: string, commit: string): string {
  return join(repoCacheDir(cacheDir, repo), 'snapshots', commit);
}

/** File recording which commit a branch or tag resolved to: `<repo cache>/refs/<revision>`. */
export function refPath(cacheDir: string, repo: string, revision: string): string {
  return join(repoCacheDir(cacheDir, repo), 'refs', encodeURIComponent(revision));
}
