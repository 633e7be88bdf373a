import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder downloaded datasets are kept in when no `cacheDir` is given:
 * `$RETRIEVEKIT_CACHE/datasets` when that variable is set, else `~/.cache/retrievekit/datasets`.
 */
export function defaultDatasetCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const root = env.RETRIEVEKIT_CACHE;
  return root !== undefined && root.length > 0
    ? join(root, 'datasets')
    : join(homedir(), '.cache', 'retrievekit', 'datasets');
}
