import { RetrievekitError } from '@retrievekit/core';
import type { EncoderRuntime } from '@retrievekit/encoder';
import * as ort from 'onnxruntime-web';
import type { WasmOptions } from './wasm-flags.js';
import { applyWasmFlags, normalizeWasmOptions } from './wasm-flags.js';
import type { WebModelSession } from './web-session.js';
import { wrapWebSession } from './web-session.js';

/** Execution providers of onnxruntime-web that this runtime can ask for. */
export type WebExecutionProvider = 'webgpu' | 'wasm';

/** Options of {@link createWebRuntime}. */
export interface WebRuntimeOptions {
  /**
   * Providers to try in order; the first that loads is used and reported by `info()`. Default `['wasm']`.
   * A provider that cannot load is an error unless a later one is named: `['webgpu', 'wasm']` falls back
   * to WebAssembly where WebGPU is missing, `['webgpu']` fails.
   */
  executionProviders?: readonly WebExecutionProvider[];
  /** WebAssembly backend options (threads, SIMD, where the `.wasm` files are served). */
  wasm?: WasmOptions;
}

/** An {@link EncoderRuntime} whose sessions also report the wasm setup ({@link WebModelSession}). */
export interface WebRuntime extends EncoderRuntime {
  /**
   * Loads a model from its bytes, or from a URL (browser) / path (Node). Tries the providers in order.
   * Rejects with `RUNTIME` naming each provider's failure when none loads.
   */
  createSession(model: string | Uint8Array): Promise<WebModelSession>;
}

const KNOWN: readonly string[] = ['webgpu', 'wasm'];

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function isCrossOriginIsolated(): boolean {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  // Node has no such flag and always allows SharedArrayBuffer.
  return scope.crossOriginIsolated ?? typeof SharedArrayBuffer === 'function';
}

/**
 * Fails before onnxruntime is asked when the page has no WebGPU. onnxruntime's backend registry is shared
 * by every onnxruntime package loaded in a process, so in Node 'webgpu' could otherwise resolve to
 * onnxruntime-node's backend.
 */
function assertWebGpuPresent(): void {
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (scope.navigator?.gpu === undefined)
    throw new Error('WebGPU is not available here (navigator.gpu is missing)');
}

/**
 * Creates an onnxruntime-web runtime with explicit execution providers and wasm options, for the
 * browser and for Node. onnxruntime-web sets up its WebAssembly module once per page, so the wasm options
 * of every runtime on a page must agree (a conflicting one is an error, not silently ignored).
 *
 * @example
 * ```ts
 * const runtime = createWebRuntime({
 *   executionProviders: ['webgpu', 'wasm'],
 *   wasm: { numThreads: 4, wasmPaths: '/ort/' },
 * });
 * const session = await runtime.createSession(new Uint8Array(await (await fetch('/model.onnx')).arrayBuffer()));
 * session.info().executionProvider; // 'wasm' where WebGPU is unavailable
 * ```
 */
export function createWebRuntime(options: WebRuntimeOptions = {}): WebRuntime {
  const providers = options.executionProviders ?? ['wasm'];
  if (providers.length === 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', 'executionProviders is empty', {
      where: { field: 'executionProviders' },
      hint: "name at least one provider, e.g. ['wasm']",
    });
  }
  providers.forEach((name, index) => {
    if (!KNOWN.includes(name)) {
      throw new RetrievekitError('INVALID_ARGUMENT', `unknown execution provider "${name}"`, {
        where: { field: 'executionProviders', index },
        hint: "onnxruntime-web providers here are 'webgpu' and 'wasm'",
      });
    }
  });
  const flags = normalizeWasmOptions(options.wasm);
  return {
    async createSession(model) {
      applyWasmFlags(ort.env, flags, options.wasm);
      const failed: { name: string; reason: string }[] = [];
      for (const name of providers) {
        try {
          if (name === 'webgpu') assertWebGpuPresent();
          const sessionOptions: ort.InferenceSession.SessionOptions = { executionProviders: [name] };
          const session =
            typeof model === 'string'
              ? await ort.InferenceSession.create(model, sessionOptions)
              : await ort.InferenceSession.create(model, sessionOptions);
          const threads = ort.env.wasm.numThreads ?? 1;
          return wrapWebSession(session, {
            runtime: 'onnxruntime-web',
            executionProvider: name,
            failedProviders: failed,
            intraOpNumThreads: threads,
            wasmNumThreads: threads,
            simd: flags.simd === 'relaxed' ? 'relaxed' : 'fixed',
            crossOriginIsolated: isCrossOriginIsolated(),
          });
        } catch (error) {
          failed.push({ name, reason: firstLine(error) });
        }
      }
      const tried = failed.map((f) => `${f.name}: ${f.reason}`).join('; ');
      throw new RetrievekitError('RUNTIME', `no execution provider could load the model (${tried})`, {
        where: { field: 'executionProviders', ...(typeof model === 'string' ? { file: model } : {}) },
        hint: "use a browser with WebGPU (Chrome 113+, or --enable-unsafe-webgpu) or name a fallback: executionProviders: ['webgpu', 'wasm']",
      });
    },
  };
}
