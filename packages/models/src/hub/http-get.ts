import { RetrievekitError } from '@retrievekit/core';

/** A response after redirects, with the headers of the first hop (where the hub puts LFS metadata). */
export interface HubResponse {
  response: Response;
  /** Headers of the first response (before redirects): `X-Linked-Etag`, `X-Linked-Size`, `ETag`. */
  firstHeaders: Headers;
  /** URL of the final response. */
  url: string;
}

const MAX_REDIRECTS = 10;

/** True for errors that mean the host cannot be reached at all (as opposed to an HTTP error). */
export function isUnreachable(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  return [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'ETIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
  ].includes(code ?? '');
}

/**
 * GET with redirects followed by hand, so that the first hop's headers are kept and the token is sent
 * only to `tokenOrigin` (never to a CDN on another origin).
 */
export async function hubGet(
  url: string,
  init: {
    token: string | undefined;
    tokenOrigin: string;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<HubResponse> {
  let current = url;
  let firstHeaders: Headers | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = { 'user-agent': 'retrievekit', ...init.headers };
    if (init.token !== undefined && new URL(current).origin === init.tokenOrigin)
      headers.authorization = `Bearer ${init.token}`;
    const response = await fetch(current, { headers, redirect: 'manual', signal: init.signal });
    firstHeaders ??= response.headers;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    return { response, firstHeaders, url: current };
  }
  throw new RetrievekitError('NETWORK', `more than ${MAX_REDIRECTS} redirects`, { where: { file: url } });
}
