import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request seen by the test servers. */
export interface SeenRequest {
  server: 'hub' | 'cdn';
  path: string;
  authorization: string | undefined;
  range: string | undefined;
}

/** A hosted file: its bytes and whether the hub stores it in LFS (served through the CDN). */
export interface HostedFile {
  bytes: Uint8Array;
  lfs: boolean;
  /** Announce this sha256 instead of the real one (to test checksum errors). */
  wrongEtag?: boolean;
  /** Drop the connection after this many bytes on the first request of this file. */
  breakAfter?: number;
}

/** A hub on 127.0.0.1 with the Hugging Face URL layout, and a CDN on a second port (another origin). */
export interface FakeHub {
  endpoint: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const gitSha1 = (b: Uint8Array) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function serveBytes(
  req: IncomingMessage,
  res: ServerResponse,
  file: HostedFile,
  headers: Record<string, string>,
  broken: boolean,
): void {
  const total = file.bytes.length;
  const range = req.headers.range?.match(/^bytes=(\d+)-$/);
  const start = range?.[1] === undefined ? 0 : Number(range[1]);
  if (start >= total && total > 0) {
    res.writeHead(416, { 'content-range': `bytes */${total}` }).end();
    return;
  }
  const body = file.bytes.subarray(start);
  const status = range ? 206 : 200;
  res.writeHead(status, {
    ...headers,
    'content-length': String(body.length),
    ...(range ? { 'content-range': `bytes ${start}-${total - 1}/${total}` } : {}),
  });
  if (broken && file.breakAfter !== undefined) {
    // Let the client read what was sent before the connection drops (an errored stream discards queued chunks).
    res.write(body.subarray(0, file.breakAfter), () => setTimeout(() => res.socket?.destroy(), 200));
    return;
  }
  res.end(body);
}

/** Starts the fake hub serving `files` of `repo` at commit `commit` (branch `main`). */
export async function startFakeHub(
  repo: string,
  commit: string,
  files: Record<string, HostedFile>,
): Promise<FakeHub> {
  const seen: SeenRequest[] = [];
  const served = new Set<string>();
  const byHash = new Map(Object.values(files).map((f) => [sha256(f.bytes), f]));
  const record = (server: 'hub' | 'cdn', req: IncomingMessage) =>
    seen.push({
      server,
      path: req.url ?? '',
      authorization: req.headers.authorization,
      range: req.headers.range,
    });
  const cdn = await listen((req, res) => {
    record('cdn', req);
    const hash = req.url?.replace('/blobs/', '') ?? '';
    const file = byHash.get(hash);
    if (file === undefined) return void res.writeHead(404).end();
    const first = !served.has(hash);
    served.add(hash);
    serveBytes(req, res, file, {}, first);
  });
  const hub = await listen((req, res) => {
    record('hub', req);
    const url = req.url ?? '';
    if (url === `/api/models/${repo}/revision/main` || url === `/api/models/${repo}/revision/${commit}`) {
      const body = JSON.stringify({
        id: repo,
        sha: commit,
        siblings: Object.keys(files).map((rfilename) => ({ rfilename })),
      });
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    }
    const prefix = `/${repo}/resolve/${commit}/`;
    const file = url.startsWith(prefix) ? files[decodeURIComponent(url.slice(prefix.length))] : undefined;
    if (file === undefined)
      return void res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end('Entry not found');
    if (file.lfs) {
      const hash = sha256(file.bytes);
      const announced = file.wrongEtag ? sha256(new Uint8Array([1, 2, 3])) : hash;
      res.writeHead(302, {
        location: `${cdn.origin}/blobs/${hash}`,
        'x-linked-etag': `"${announced}"`,
        'x-linked-size': String(file.bytes.length),
        etag: `"${announced}"`,
      });
      return void res.end();
    }
    const key = `hub:${url}`;
    const first = !served.has(key);
    served.add(key);
    serveBytes(req, res, file, { etag: `"${gitSha1(file.bytes)}"` }, first);
  });
  return {
    endpoint: hub.origin,
    seen,
    close: async () => {
      for (const { server } of [hub, cdn]) server.closeAllConnections();
      await Promise.all([hub, cdn].map(({ server }) => new Promise((done) => server.close(done))));
    },
  };
}
