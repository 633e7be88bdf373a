import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LongTaskOptions } from '@retrievekit/core';

/** Options of the hub functions; each falls back to an environment variable, then a default. */
export interface HubOptions extends LongTaskOptions {
  /** Hub base URL. Default: `HF_ENDPOINT`, else `https://huggingface.co`. */
  endpoint?: string;
  /** Access token sent as `Authorization: Bearer` to the endpoint's origin only. Default: `HF_TOKEN`. */
  token?: string;
  /** Cache folder. Default: `RETRIEVEKIT_CACHE`, else `~/.cache/retrievekit/hub`. */
  cacheDir?: string;
  /** Never touch the network; use only cached files. Default: `HF_HUB_OFFLINE=1`. */
  offline?: boolean;
  /** Branch, tag or commit. Default `main`. */
  revision?: string;
  /** Attempts to resume a transfer that breaks off, per file. Default 3. */
  retries?: number;
}

/** {@link HubOptions} with every default applied. */
export interface ResolvedHubOptions extends LongTaskOptions {
  endpoint: string;
  token: string | undefined;
  cacheDir: string;
  offline: boolean;
  revision: string;
  retries: number;
}

/** Applies environment variables and defaults to hub options. */
export function resolveHubOptions(
  options: HubOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedHubOptions {
  const offlineFlag = env.HF_HUB_OFFLINE;
  return {
    endpoint: (options.endpoint ?? env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/+$/, ''),
    token: options.token ?? (env.HF_TOKEN || undefined),
    cacheDir: options.cacheDir ?? env.RETRIEVEKIT_CACHE ?? join(homedir(), '.cache', 'retrievekit', 'hub'),
    offline: options.offline ?? (offlineFlag === '1' || offlineFlag?.toLowerCase() === 'true'),
    revision: options.revision ?? 'main',
    retries: options.retries ?? 3,
    onProgress: options.onProgress,
    signal: options.signal,
  };
}
