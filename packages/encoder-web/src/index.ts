/**
 * `@retrievekit/encoder-web`: the onnxruntime-web runtime of `@retrievekit/encoder` for the browser and
 * Node: WebGPU and WebAssembly (threads, SIMD) execution providers with explicit fallback, `info()` on the
 * provider in use, and runtime tensors disposed after each run.
 *
 * @packageDocumentation
 */

export type { WasmOptions, WasmPaths } from './wasm-flags.js';
export type { WebExecutionProvider, WebRuntime, WebRuntimeOptions } from './web-runtime.js';
export { createWebRuntime } from './web-runtime.js';
export type { WebModelSession, WebRuntimeInfo } from './web-session.js';
