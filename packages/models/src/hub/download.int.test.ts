import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Progress } from '@retrievekit/core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadHubFile } from './download-file.js';
import { downloadModel } from './download-model.js';
import { resolveHubOptions } from './hub-config.js';
import { type FakeHub, type HostedFile, startFakeHub } from './hub-server.test-helper.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const REPO = 'org/tiny-distilbert';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const weights = new Uint8Array(readFileSync(join(fixtures, 'distilbert/model.safetensors')));
const config = new Uint8Array(readFileSync(join(fixtures, 'distilbert/config.json')));
const scratch = mkdtempSync(join(tmpdir(), 'retrievekit-hub-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let hub: FakeHub;
let cacheDir: string;
let counter = 0;

async function start(files: Record<string, HostedFile>): Promise<void> {
  hub = await startFakeHub(REPO, COMMIT, files);
}
beforeEach(() => {
  cacheDir = join(scratch, `cache-${counter++}`);
});
afterEach(async () => {
  await hub?.close();
});

describe('downloadModel against a local hub', () => {
  it('resolves the revision, prefers safetensors over pytorch_model.bin, follows the CDN redirect', async () => {
    await start({
      'config.json': { bytes: config, lfs: false },
      'model.safetensors': { bytes: weights, lfs: true },
      'pytorch_model.bin': { bytes: new Uint8Array(10), lfs: true },
      'README.md': { bytes: new Uint8Array(3), lfs: false },
    });
    const progress: Progress[] = [];
    const model = await downloadModel(REPO, {
      endpoint: hub.endpoint,
      cacheDir,
      token: 'hf_secret',
      onProgress: (p) => progress.push(p),
    });
    expect(model.weights).toEqual({
      path: 'model.safetensors',
      format: 'safetensors',
      needsConversion: true,
      companions: [],
    });
    expect(model.commit).toBe(COMMIT);
    expect(model.files).toEqual(['model.safetensors', 'config.json']);
    expect(readFileSync(join(model.dir, 'model.safetensors'))).toEqual(Buffer.from(weights));
    expect(readFileSync(join(model.dir, 'config.json'))).toEqual(Buffer.from(config));
    expect(progress.at(-1)?.done).toBe(weights.length + config.length);
    // The token goes to the hub, never to the CDN on another origin.
    expect(
      hub.seen.filter((r) => r.server === 'hub').every((r) => r.authorization === 'Bearer hf_secret'),
    ).toBe(true);
    expect(hub.seen.filter((r) => r.server === 'cdn').map((r) => r.authorization)).toEqual([undefined]);
    expect(hub.seen.some((r) => r.path === `/api/models/${REPO}/revision/main`)).toBe(true);

    const requests = hub.seen.length;
    const again = await downloadModel(REPO, { endpoint: hub.endpoint, cacheDir });
    expect(again.dir).toBe(model.dir);
    expect(hub.seen.slice(requests).map((r) => r.path)).toEqual([`/api/models/${REPO}/revision/main`]);
  });

  it('resumes an interrupted transfer with a Range request and checks the sha256', async () => {
    await start({ 'model.safetensors': { bytes: weights, lfs: true, breakAfter: 40_000 } });
    const path = await downloadHubFile(
      REPO,
      'model.safetensors',
      COMMIT,
      resolveHubOptions({ endpoint: hub.endpoint, cacheDir }, {}),
    );
    expect(readFileSync(path)).toEqual(Buffer.from(weights));
    expect(hub.seen.filter((r) => r.server === 'cdn').map((r) => r.range)).toEqual([
      undefined,
      'bytes=40000-',
    ]);
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('resumes a non-LFS file served by the hub itself and checks its git blob id', async () => {
    const big = new Uint8Array(200_000).map((_, i) => i % 251);
    await start({ 'vocab.txt': { bytes: big, lfs: false, breakAfter: 70_000 } });
    const path = await downloadHubFile(
      REPO,
      'vocab.txt',
      COMMIT,
      resolveHubOptions({ endpoint: hub.endpoint, cacheDir }, {}),
    );
    expect(readFileSync(path)).toEqual(Buffer.from(big));
    expect(hub.seen.map((r) => r.range)).toEqual([undefined, 'bytes=70000-']);
  });

  it('rejects a file whose sha256 differs from X-Linked-Etag and keeps nothing', async () => {
    await start({ 'model.safetensors': { bytes: weights, lfs: true, wrongEtag: true } });
    const options = resolveHubOptions({ endpoint: hub.endpoint, cacheDir }, {});
    await expect(downloadHubFile(REPO, 'model.safetensors', COMMIT, options)).rejects.toThrow(
      /sha256 of the download is [0-9a-f]{64}, the hub announced 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81/,
    );
    const target = join(cacheDir, 'models--org--tiny-distilbert/snapshots', COMMIT, 'model.safetensors');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('reports a missing file as a 404 naming it', async () => {
    await start({ 'config.json': { bytes: config, lfs: false } });
    const options = resolveHubOptions({ endpoint: hub.endpoint, cacheDir }, {});
    await expect(downloadHubFile(REPO, 'onnx/model.onnx', COMMIT, options)).rejects.toThrow(
      /org\/tiny-distilbert has no file "onnx\/model\.onnx" \(HTTP 404\)/,
    );
  });

  it('works offline from the cache and says exactly what is missing otherwise', async () => {
    await start({
      'config.json': { bytes: config, lfs: false },
      'model.safetensors': { bytes: weights, lfs: true },
    });
    await expect(downloadModel(REPO, { endpoint: hub.endpoint, cacheDir, offline: true })).rejects.toThrow(
      /offline mode \(HF_HUB_OFFLINE\) and this revision was never downloaded: "\(file list\)" of org\/tiny-distilbert at revision main/,
    );
    await downloadModel(REPO, { endpoint: hub.endpoint, cacheDir });
    const requests = hub.seen.length;
    const env = { HF_HUB_OFFLINE: '1', HF_ENDPOINT: hub.endpoint, RETRIEVEKIT_CACHE: cacheDir };
    const offline = await downloadModel(REPO, resolveHubOptions({}, env));
    expect(offline.weights.path).toBe('model.safetensors');
    expect(hub.seen.length).toBe(requests);
    await expect(downloadHubFile(REPO, 'vocab.txt', COMMIT, resolveHubOptions({}, env))).rejects.toThrow(
      /"vocab\.txt" of org\/tiny-distilbert at revision 0123456789abcdef0123456789abcdef01234567 cannot be downloaded and is not in the cache .*pass the folder holding it as a local path/,
    );
  });

  it('turns an unreachable hub into an offline error naming the file', async () => {
    await start({});
    const endpoint = hub.endpoint;
    await hub.close();
    const options = resolveHubOptions({ endpoint, cacheDir }, {});
    await expect(downloadHubFile(REPO, 'config.json', COMMIT, options)).rejects.toMatchObject({
      code: 'OFFLINE',
      message: expect.stringContaining(`${endpoint} is unreachable: "config.json" of org/tiny-distilbert`),
    });
  });

  it('honours an AbortSignal', async () => {
    await start({ 'model.safetensors': { bytes: weights, lfs: true } });
    const controller = new AbortController();
    controller.abort();
    const options = resolveHubOptions({ endpoint: hub.endpoint, cacheDir, signal: controller.signal }, {});
    await expect(downloadHubFile(REPO, 'model.safetensors', COMMIT, options)).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });

  it('stops on abort mid-transfer, keeps the partial file, and resumes it on the next call', async () => {
    const big = new Uint8Array(4_000_000).map((_, i) => (i * 7) % 256);
    await start({ 'model.safetensors': { bytes: big, lfs: true } });
    const controller = new AbortController();
    const options = resolveHubOptions(
      { endpoint: hub.endpoint, cacheDir, signal: controller.signal, onProgress: () => controller.abort() },
      {},
    );
    await expect(downloadHubFile(REPO, 'model.safetensors', COMMIT, options)).rejects.toMatchObject({
      code: 'ABORTED',
    });
    const target = join(cacheDir, 'models--org--tiny-distilbert/snapshots', COMMIT, 'model.safetensors');
    const kept = readFileSync(`${target}.part`).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(big.length);
    const path = await downloadHubFile(
      REPO,
      'model.safetensors',
      COMMIT,
      resolveHubOptions({ endpoint: hub.endpoint, cacheDir }, {}),
    );
    expect(readFileSync(path).equals(Buffer.from(big))).toBe(true);
    expect(hub.seen.filter((r) => r.server === 'cdn').at(-1)?.range).toBe(`bytes=${kept}-`);
  });

  it('uses a local folder as is', async () => {
    const model = await downloadModel(join(fixtures, 'distilbert'));
    expect(model.commit).toBeUndefined();
    expect(model.weights.format).toBe('safetensors');
  });
});

describe('resolveHubOptions', () => {
  it('reads HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE and RETRIEVEKIT_CACHE', () => {
    const options = resolveHubOptions(
      {},
      { HF_ENDPOINT: 'http://mirror/', HF_TOKEN: 't', HF_HUB_OFFLINE: '1', RETRIEVEKIT_CACHE: '/c' },
    );
    expect(options).toMatchObject({
      endpoint: 'http://mirror',
      token: 't',
      offline: true,
      cacheDir: '/c',
      revision: 'main',
    });
    expect(resolveHubOptions({}, {}).cacheDir).toMatch(/\.cache\/retrievekit\/hub$/);
  });
});
