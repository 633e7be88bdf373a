import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/data` relative to the repository root (tests only). */
export function sharedDataDir(): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
  return resolve(repoRoot, '../shared/data');
}

/** True when the shared data folder is present. */
export function hasSharedData(): boolean {
  return existsSync(sharedDataDir());
}
