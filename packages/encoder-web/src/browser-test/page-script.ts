/**
 * Test-only: the script of the browser test page (bundled with esbuild at test time, never published).
 * It installs `window.runEncoder(request)`, which fetches the model, runs the fixed batches through
 * `createWebRuntime` and returns the outputs as plain arrays for the test to compare.
 */
import { BATCHES, OUTPUTS, toFeeds } from '../test-batches.test-helper.js';
import type { WebExecutionProvider } from '../web-runtime.js';
import { createWebRuntime } from '../web-runtime.js';
import type { WebRuntimeInfo } from '../web-session.js';

/** What the test asks the page to run. */
export interface PageRequest {
  executionProviders: WebExecutionProvider[];
  numThreads?: number;
}

/** What the page sends back: the session's info, the page's isolation, outputs per batch, or an error. */
export interface PageResult {
  crossOriginIsolated: boolean;
  info?: WebRuntimeInfo;
  outputs?: Record<string, number[]>[];
  error?: string;
  runMs?: number;
}

async function runEncoder(request: PageRequest): Promise<PageResult> {
  const scope = globalThis as unknown as { crossOriginIsolated: boolean; location: { href: string } };
  const crossOriginIsolated = scope.crossOriginIsolated;
  try {
    const runtime = createWebRuntime({
      executionProviders: request.executionProviders,
      wasm: { numThreads: request.numThreads, wasmPaths: new URL('/ort/', scope.location.href).href },
    });
    const response = await fetch('/model.onnx');
    const session = await runtime.createSession(new Uint8Array(await response.arrayBuffer()));
    const started = performance.now();
    const outputs: Record<string, number[]>[] = [];
    for (const batch of BATCHES) {
      const out = await session.run(toFeeds(batch), OUTPUTS);
      const row: Record<string, number[]> = {};
      for (const name of OUTPUTS) row[name] = Array.from(out[name]?.data ?? []);
      outputs.push(row);
    }
    const runMs = performance.now() - started;
    const info = session.info();
    await session.release();
    return { crossOriginIsolated, info, outputs, runMs };
  } catch (error) {
    return { crossOriginIsolated, error: error instanceof Error ? error.message : String(error) };
  }
}

(globalThis as unknown as { runEncoder: typeof runEncoder }).runEncoder = runEncoder;
