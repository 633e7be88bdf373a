import { RetrievekitError } from '@retrievekit/core';
import type { Env } from 'onnxruntime-web';

/** Where onnxruntime-web finds its `.wasm` / `.mjs` files: a URL prefix, or each file's URL. */
export type WasmPaths = string | { readonly wasm?: string | URL; readonly mjs?: string | URL };

/** WebAssembly options of {@link createWebRuntime}. They apply once per page (onnxruntime-web's wasm is one). */
export interface WasmOptions {
  /**
   * Threads of the wasm backend. More than 1 needs `SharedArrayBuffer`: in a browser the page must be
   * cross-origin isolated (`Cross-Origin-Opener-Policy: same-origin` + `Cross-Origin-Embedder-Policy:
   * require-corp`). Default: onnxruntime-web's choice (half the cores, at most 4; 1 when not isolated).
   */
  numThreads?: number;
  /**
   * SIMD: `true` (default, 128-bit SIMD) or `'relaxed'` (relaxed SIMD, where the engine supports it).
   * `false` is rejected: onnxruntime-web 1.19 and later ship SIMD-only binaries.
   */
  simd?: boolean | 'relaxed';
  /**
   * Where to fetch `ort-wasm-simd-threaded*.wasm` / `.mjs` from, e.g. `'/ort/'` (a prefix ending in `/`)
   * when you serve `node_modules/onnxruntime-web/dist/` there. Default: next to onnxruntime-web's script.
   */
  wasmPaths?: WasmPaths;
}

/** The flags a runtime asked for, in the form compared between runtimes sharing one onnxruntime-web. */
interface AppliedFlags {
  numThreads: number | undefined;
  simd: true | 'relaxed';
  wasmPaths: string | undefined;
}

/**
 * The wasm flags applied to each onnxruntime-web `env` by the first runtime that created a session.
 * onnxruntime-web initialises its wasm module once per page, so later runtimes must ask for the same flags.
 */
const appliedByEnv = new WeakMap<Env, AppliedFlags>();

/** Checks the options and returns them in comparable form; throws `INVALID_ARGUMENT` / `UNSUPPORTED`. */
export function normalizeWasmOptions(options: WasmOptions = {}): AppliedFlags {
  const { numThreads, simd = true } = options;
  if (numThreads !== undefined && (!Number.isInteger(numThreads) || numThreads < 1)) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `wasm.numThreads must be a positive integer, got ${numThreads}`,
      { where: { field: 'wasm.numThreads' } },
    );
  }
  if (simd === false) {
    throw new RetrievekitError('UNSUPPORTED', 'wasm.simd: false is not available', {
      where: { field: 'wasm.simd' },
      hint: 'onnxruntime-web 1.19 and later ship SIMD-only binaries; leave simd unset or use true / "relaxed"',
    });
  }
  const paths = options.wasmPaths;
  const wasmPaths =
    paths === undefined
      ? undefined
      : typeof paths === 'string'
        ? paths
        : JSON.stringify({ wasm: paths.wasm?.toString(), mjs: paths.mjs?.toString() });
  return { numThreads, simd, wasmPaths };
}

/**
 * Writes the flags into onnxruntime-web's `env.wasm` before its first session, or checks that a runtime
 * created earlier asked for the same ones (onnxruntime-web cannot re-initialise its wasm module).
 */
export function applyWasmFlags(env: Env, flags: AppliedFlags, options: WasmOptions = {}): void {
  const earlier = appliedByEnv.get(env);
  if (earlier !== undefined) {
    for (const key of ['numThreads', 'simd', 'wasmPaths'] as const) {
      if (earlier[key] !== flags[key]) {
        throw new RetrievekitError(
          'INVALID_ARGUMENT',
          `wasm.${key} is ${String(flags[key])} but onnxruntime-web was already initialised with ${String(earlier[key])}`,
          {
            where: { field: `wasm.${key}` },
            hint: 'onnxruntime-web sets up its wasm module once per page: create one runtime and share it, or ask for the same wasm options',
          },
        );
      }
    }
    return;
  }
  if (flags.numThreads !== undefined) env.wasm.numThreads = flags.numThreads;
  env.wasm.simd = flags.simd;
  if (options.wasmPaths !== undefined) env.wasm.wasmPaths = options.wasmPaths;
  appliedByEnv.set(env, flags);
}
