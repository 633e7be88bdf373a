/** Test-only: an HTTP server on 127.0.0.1 for the browser test (page, bundle, onnxruntime-web files, model). */
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
/** onnxruntime-web's `dist/` folder (its `.wasm` and `.mjs` files). */
export const ortDistDir = dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));

/** Bundles the page script with onnxruntime-web for the browser (workspace packages from their sources). */
export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(here, 'page-script.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error('esbuild produced no output for the page script');
  return file.text;
}

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>encoder-web</title><script type="module" src="/bundle.js"></script>';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

/**
 * Starts the server on a random port. Every response but the `/plain/` page has the COOP/COEP headers that
 * make the `/isolated/` page cross-origin isolated (threads); the same page at `/plain/` is not.
 */
export async function startServer(
  model: Uint8Array,
  bundle: string,
): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const respond = (status: number, type: string, body: string | Uint8Array): void => {
      const headers: Record<string, string> = {
        'Content-Type': type,
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Cache-Control': 'no-store',
      };
      // Everything but the /plain/ page: onnxruntime-web's thread workers must carry COEP too.
      if (url.pathname !== '/plain/') {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      }
      response.writeHead(status, headers).end(body);
    };
    if (url.pathname === '/isolated/' || url.pathname === '/plain/') return respond(200, 'text/html', PAGE);
    if (url.pathname === '/bundle.js') return respond(200, 'text/javascript', bundle);
    if (url.pathname === '/model.onnx') return respond(200, 'application/octet-stream', model);
    if (url.pathname.startsWith('/ort/')) {
      const name = normalize(url.pathname.slice('/ort/'.length));
      if (name.includes('/') || name.startsWith('.')) return respond(404, 'text/plain', 'not found');
      const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
      readFile(join(ortDistDir, name)).then(
        (bytes) => respond(200, type, bytes),
        () => respond(404, 'text/plain', 'not found'),
      );
      return;
    }
    respond(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return { origin: `http://127.0.0.1:${address.port}`, server };
}
