import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

/** A stored (uncompressed) zip of `files`, laid out per PKWARE APPNOTE: local headers, central directory, end record. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, text] of Object.entries(files)) {
    const name = Buffer.from(path);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A server on 127.0.0.1 answering GET `path` with fixed bodies and headers; `stall` paths never finish. */
export interface LocalServer {
  origin: string;
  paths: string[];
  close(): Promise<void>;
}

/** One route: the body and extra headers; `stallAfter` sends that many bytes and then hangs. */
export interface Route {
  body: Buffer;
  headers?: Record<string, string>;
  stallAfter?: number;
}

/** Starts a {@link LocalServer}; unknown paths get 404 with the hub's `x-error-code: EntryNotFound`. */
export async function startLocalServer(routes: Record<string, Route>): Promise<LocalServer> {
  const paths: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    paths.push(path);
    const route = routes[path];
    if (route === undefined)
      return void res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end('not found');
    res.writeHead(200, { 'content-length': String(route.body.length), ...route.headers });
    if (route.stallAfter !== undefined) return void res.write(route.body.subarray(0, route.stallAfter));
    res.end(route.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Routes of a minimal Hugging Face hub holding `files` of `repo` at `commit` (plain git files, no LFS). */
export function hubRoutes(
  repo: string,
  commit: string,
  files: Record<string, Buffer>,
): Record<string, Route> {
  const api = JSON.stringify({
    id: repo,
    sha: commit,
    siblings: Object.keys(files).map((rfilename) => ({ rfilename })),
  });
  const routes: Record<string, Route> = {
    [`/api/models/${repo}/revision/main`]: {
      body: Buffer.from(api),
      headers: { 'content-type': 'application/json' },
    },
  };
  for (const [path, bytes] of Object.entries(files)) {
    const etag = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    routes[`/${repo}/resolve/${commit}/${path}`] = { body: bytes, headers: { etag: `"${etag}"` } };
  }
  return routes;
}
