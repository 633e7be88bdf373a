import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDatasetCacheDir } from './cache-dir.js';

describe('defaultDatasetCacheDir', () => {
  it('uses $RETRIEVEKIT_CACHE/datasets when set, else ~/.cache/retrievekit/datasets', () => {
    expect(defaultDatasetCacheDir({ RETRIEVEKIT_CACHE: '/data/rk' })).toBe(join('/data/rk', 'datasets'));
    expect(defaultDatasetCacheDir({})).toBe(join(homedir(), '.cache', 'retrievekit', 'datasets'));
    expect(defaultDatasetCacheDir({ RETRIEVEKIT_CACHE: '' })).toBe(
      join(homedir(), '.cache', 'retrievekit', 'datasets'),
    );
  });
});
