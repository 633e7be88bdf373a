import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chromium } from './browser-test/chromium.test-helper.js';
import { launchChromium, runInPage } from './browser-test/chromium.test-helper.js';
import { expectMatchesNode } from './browser-test/expect-outputs.test-helper.js';
import { bundlePage, startServer } from './browser-test/serve.test-helper.js';
import { nodeReference, tinyModelBytes } from './test-model.test-helper.js';

let server: Server | undefined;
let browser: Chromium | undefined;
let origin = '';
let reference: Record<string, number[]>[] = [];

function open(path: string, request: Parameters<typeof runInPage>[2]) {
  if (browser === undefined) throw new Error('Chromium was not started');
  return runInPage(browser.context, `${origin}${path}`, request);
}

describe('createWebRuntime in Chromium (onnxruntime-web wasm)', () => {
  beforeAll(async () => {
    const bytes = tinyModelBytes();
    reference = await nodeReference(bytes);
    ({ server, origin } = await startServer(bytes, await bundlePage()));
    browser = await launchChromium(false);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('is cross-origin isolated with COOP/COEP and matches onnxruntime-node with 2 wasm threads', async () => {
    const result = await open('/isolated/', { executionProviders: ['wasm'], numThreads: 2 });
    expect(result.crossOriginIsolated).toBe(true);
    expect(result.info).toMatchObject({
      runtime: 'onnxruntime-web',
      executionProvider: 'wasm',
      wasmNumThreads: 2,
      crossOriginIsolated: true,
    });
    expectMatchesNode(result, reference);
  });

  it('runs single-threaded without COOP/COEP, and falls back from webgpu to wasm when it is named', async () => {
    const plain = await open('/plain/', { executionProviders: ['wasm'], numThreads: 2 });
    expect(plain.crossOriginIsolated).toBe(false);
    expect(plain.info?.wasmNumThreads).toBe(1);
    expectMatchesNode(plain, reference);

    // --disable-gpu and no --enable-unsafe-webgpu: this Chromium has no WebGPU adapter.
    const alone = await open('/isolated/', { executionProviders: ['webgpu'] });
    expect(alone.error).toMatch(/no execution provider could load the model \(webgpu: /);
    const fallback = await open('/isolated/', { executionProviders: ['webgpu', 'wasm'] });
    expect(fallback.info?.executionProvider).toBe('wasm');
    expect(fallback.info?.failedProviders.map((f) => f.name)).toEqual(['webgpu']);
    expectMatchesNode(fallback, reference);
  });
});
