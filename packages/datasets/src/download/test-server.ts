import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server does with a request for a path. */
export interface TestRoute {
  /** The file served, with Range support. */
  body: Buffer;
  /** For the first `cutTimes` responses, send only this many body bytes and then destroy the socket. */
  cutAfter?: number;
  /** How many responses are cut (default 1 when `cutAfter` is set). */
  cutTimes?: number;
  /** Send this many bytes, then stall (never finish) until the client goes away. */
  stallAfter?: number;
  /** Answer every request with the whole file (200), as servers without Range support do. */
  ignoreRange?: boolean;
}

/** A real HTTP server on 127.0.0.1 and a random port, recording the requests it got (tests only). */
export interface TestServer {
  baseUrl: string;
  routes: Map<string, TestRoute>;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close: () => Promise<void>;
}

/** Starts a {@link TestServer}; call `close()` when done. */
export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, TestRoute>();
  const requests: TestServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const route = routes.get(path);
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const total = route.body.length;
    const range = route.ignoreRange ? null : /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= total && range) {
      response.writeHead(416, { 'content-range': `bytes */${total}` }).end();
      return;
    }
    const slice = route.body.subarray(start);
    const headers = { 'content-type': 'application/zip', 'content-length': String(slice.length) };
    if (range)
      response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${total - 1}/${total}` });
    else response.writeHead(200, { ...headers, 'accept-ranges': 'bytes' });
    const cutsLeft = route.cutTimes ?? 1;
    if (route.cutAfter !== undefined && cutsLeft > 0) {
      route.cutTimes = cutsLeft - 1;
      response.write(slice.subarray(0, route.cutAfter), () => {
        setTimeout(() => request.socket.destroy(), 20);
      });
      return;
    }
    if (route.stallAfter !== undefined) {
      response.write(slice.subarray(0, route.stallAfter));
      return;
    }
    response.end(slice);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/beir`,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
