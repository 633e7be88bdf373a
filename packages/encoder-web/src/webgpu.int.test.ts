import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chromium } from './browser-test/chromium.test-helper.js';
import { launchChromium, runInPage } from './browser-test/chromium.test-helper.js';
import { expectMatchesNode } from './browser-test/expect-outputs.test-helper.js';
import { bundlePage, startServer } from './browser-test/serve.test-helper.js';
import { nodeReference, tinyModelBytes } from './test-model.test-helper.js';

let stop: (() => Promise<void>) | undefined;
let browser: Chromium | undefined;
let origin = '';
let reference: Record<string, number[]>[] = [];

// WebGPU on SwiftShader (software Vulkan shipped with Debian's chromium; needs the libvulkan1 loader).
describe('createWebRuntime in Chromium (onnxruntime-web WebGPU on SwiftShader)', () => {
  beforeAll(async () => {
    const bytes = tinyModelBytes();
    reference = await nodeReference(bytes);
    const started = await startServer(bytes, await bundlePage());
    origin = started.origin;
    stop = () => new Promise((resolve) => started.server.close(() => resolve()));
    browser = await launchChromium(true);
  });

  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });

  it('uses the webgpu provider when it loads and matches onnxruntime-node', async () => {
    if (browser === undefined) throw new Error('Chromium was not started');
    const result = await runInPage(browser.context, `${origin}/isolated/`, {
      executionProviders: ['webgpu', 'wasm'],
    });
    expect(result.error).toBeUndefined();
    expect(result.info?.executionProvider).toBe('webgpu');
    expect(result.info?.failedProviders).toEqual([]);
    expectMatchesNode(result, reference);
  });
});
