/** Test-only: Chromium through playwright-core (the system browser, never a downloaded one). */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { PageRequest, PageResult } from './page-script.js';

/** The browser binary (Debian's `chromium` package), or `CHROMIUM_PATH`. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running Chromium with a fresh profile. */
export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile. Throws (so the test FAILS, never skips) when it is not installed.
 * `webgpu: false` adds `--disable-gpu`; `true` enables WebGPU on the SwiftShader (software Vulkan) adapter.
 */
export async function launchChromium(webgpu: boolean): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium libvulkan1" (or set CHROMIUM_PATH); this test needs a real browser`,
    );
  }
  const profileDir = await mkdtemp(join(tmpdir(), 'rk-chromium-'));
  const args = webgpu
    ? [...FLAGS, '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan']
    : [...FLAGS, '--disable-gpu'];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  if (webgpu) env.VK_ICD_FILENAMES = '/usr/lib/chromium/vk_swiftshader_icd.json';
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    env,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Opens `url` in a fresh tab and runs the fixed batches there; fails with the page's console after 90 s. */
export async function runInPage(
  context: BrowserContext,
  url: string,
  request: PageRequest,
): Promise<PageResult> {
  const page = await context.newPage();
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  let timer: NodeJS.Timeout | undefined;
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'runEncoder' in globalThis);
    const result = page.evaluate(
      (req) => (globalThis as unknown as { runEncoder(r: PageRequest): Promise<PageResult> }).runEncoder(req),
      request,
    );
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`page ${url} did not finish in 90 s; console:\n${logs.join('\n')}`)),
        90_000,
      );
    });
    return await Promise.race([result, timeout]);
  } finally {
    clearTimeout(timer);
    await page.close();
  }
}
