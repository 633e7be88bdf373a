/**
 * The minimal, structural view of an ONNX inference session that the encoders need. Runtime adapters
 * (`@retrievekit/encoder-node`, `@retrievekit/encoder-web`) implement it over onnxruntime; this package
 * never imports a runtime.
 */

/** An int64 input matrix, row-major, with its shape (`[rows, seqLength]`). */
export interface Int64Input {
  readonly data: BigInt64Array;
  readonly dims: readonly number[];
}

/** A float32 output tensor copied or handed over from the runtime (the runtime's tensor is released). */
export interface FloatOutput {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** A loaded model. Adapters release runtime tensors before `run` resolves. */
export interface ModelSession {
  /** Names of the graph inputs, e.g. `['input_ids', 'attention_mask']`. */
  readonly inputNames: readonly string[];
  /** Names of the graph outputs, e.g. `['last_hidden_state', 'sentence_embedding']`. */
  readonly outputNames: readonly string[];
  /** Runs the graph on int64 inputs and returns the requested float32 outputs. */
  run(
    feeds: Record<string, Int64Input>,
    outputNames: readonly string[],
  ): Promise<Record<string, FloatOutput>>;
  /** Runs the encoders may keep in flight at once (a worker pool's size). Default 1. */
  readonly concurrency?: number;
  /** Frees the session's native resources. */
  release(): Promise<void>;
}

/** What a runtime reports about itself: the execution provider actually in use and its threads. */
export interface RuntimeInfo {
  /** Runtime package, e.g. `'onnxruntime-node'`. */
  readonly runtime: string;
  /** Execution provider that loaded, e.g. `'cpu'` after a `['cuda', 'cpu']` fallback. */
  readonly executionProvider: string;
  /** Providers tried before it that could not load, with the reason. */
  readonly failedProviders: readonly { readonly name: string; readonly reason: string }[];
  /** Intra-op threads (undefined: the runtime's default). */
  readonly intraOpNumThreads: number | undefined;
}

/** Creates sessions from model files or bytes. Made by an adapter, e.g. `createNodeRuntime()`. */
export interface EncoderRuntime {
  /** Loads a model from a path (Node) or from its bytes. */
  createSession(model: string | Uint8Array): Promise<ModelSession & { info(): RuntimeInfo }>;
}
