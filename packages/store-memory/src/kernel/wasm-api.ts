/**
 * The few WebAssembly JS API members the kernel uses, typed locally: the repository compiles against
 * `ES2023` + `@types/node@20`, which declare no `WebAssembly` namespace (it lives in `lib.dom`).
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A compiled module (opaque). */
export type WasmModule = object;

interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: object };
}

/** The global `WebAssembly` object (Node 20+, every current browser). */
export const wasmApi: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
