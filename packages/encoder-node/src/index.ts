/**
 * `@retrievekit/encoder-node`: the onnxruntime-node runtime of `@retrievekit/encoder` (explicit execution
 * providers with fallback, threads, tensor disposal) and `loadEncoder` for model folders and hub repositories.
 *
 * @packageDocumentation
 */

export type { EncoderOfKind, LoadEncoderOptions } from './load-encoder.js';
export { loadEncoder } from './load-encoder.js';
export type { FolderPooling } from './model-folder.js';
export { readFolderPooling } from './model-folder.js';
export type { NodeExecutionProvider, NodeModelSession, NodeRuntimeOptions } from './node-runtime.js';
export { createNodeRuntime } from './node-runtime.js';
export type { WorkerPoolOptions } from './worker-pool.js';
export { createWorkerPool } from './worker-pool.js';
