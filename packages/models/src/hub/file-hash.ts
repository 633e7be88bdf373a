import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Hashes a file the way the hub names it: `sha256` of the bytes for LFS files (their `X-Linked-Etag`),
 * or the git blob id `sha1("blob <size>\0" + bytes)` for small files kept in git (their `ETag`).
 */
export async function hashFile(path: string, kind: 'sha256' | 'git-sha1', size: number): Promise<string> {
  const hash = createHash(kind === 'sha256' ? 'sha256' : 'sha1');
  if (kind === 'git-sha1') hash.update(`blob ${size}\0`);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The hash named by an ETag value (quotes and `W/` removed): sha256 (64 hex), git sha1 (40 hex), or none. */
export function etagHash(etag: string | null): { kind: 'sha256' | 'git-sha1'; hex: string } | undefined {
  if (etag === null) return undefined;
  const hex = etag.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
  if (/^[0-9a-f]{64}$/.test(hex)) return { kind: 'sha256', hex };
  if (/^[0-9a-f]{40}$/.test(hex)) return { kind: 'git-sha1', hex };
  return undefined;
}
