import { existsSync } from 'node:fs';
import { RetrievekitError } from '@retrievekit/core';
import type { EncoderRuntime, FloatOutput, ModelSession, RuntimeInfo } from '@retrievekit/encoder';
import * as ort from 'onnxruntime-node';

/** Execution providers of onnxruntime-node that this runtime can ask for. */
export type NodeExecutionProvider = 'cpu' | 'cuda' | 'webgpu' | 'tensorrt' | 'coreml' | 'dml';

/** Options of {@link createNodeRuntime}. */
export interface NodeRuntimeOptions {
  /**
   * Providers to try in order; the first that loads is used and reported by `info()`. Default `['cpu']`.
   * A provider that cannot load is an error unless a later one is named: `['cuda', 'cpu']` falls back to
   * the CPU, `['cuda']` fails.
   */
  executionProviders?: readonly NodeExecutionProvider[];
  /** Threads inside one operator (onnxruntime `intraOpNumThreads`; default: onnxruntime's choice). */
  intraOpNumThreads?: number;
}

/** A session of onnxruntime-node plus what it runs on. */
export type NodeModelSession = ModelSession & { info(): RuntimeInfo };

/** Wraps an onnxruntime-node session: int64 feeds in, float32 outputs out, runtime tensors disposed. */
function wrapSession(session: ort.InferenceSession, info: RuntimeInfo): NodeModelSession {
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    info: () => info,
    async run(feeds, outputNames) {
      const tensors: Record<string, ort.Tensor> = {};
      for (const [name, input] of Object.entries(feeds))
        tensors[name] = new ort.Tensor('int64', input.data, [...input.dims]);
      const results = await session.run(tensors, [...outputNames]);
      const out: Record<string, FloatOutput> = {};
      try {
        for (const [name, tensor] of Object.entries(results)) {
          if (tensor.type !== 'float32') {
            throw new RetrievekitError(
              'UNSUPPORTED',
              `output "${name}" is ${tensor.type}, expected float32`,
              {
                where: { field: name },
              },
            );
          }
          out[name] = { data: tensor.data as Float32Array, dims: tensor.dims };
        }
      } finally {
        for (const tensor of Object.values(results)) tensor.dispose();
        for (const tensor of Object.values(tensors)) tensor.dispose();
      }
      return out;
    },
    release: () => session.release(),
  };
}

/**
 * Creates an onnxruntime-node runtime with explicit execution providers and threads.
 *
 * @example
 * ```ts
 * const runtime = createNodeRuntime({ executionProviders: ['cuda', 'cpu'], intraOpNumThreads: 4 });
 * const session = await runtime.createSession('model.onnx');
 * session.info().executionProvider; // 'cpu' on a machine without CUDA
 * ```
 */
export function createNodeRuntime(options: NodeRuntimeOptions = {}): EncoderRuntime & {
  createSession(model: string | Uint8Array): Promise<NodeModelSession>;
} {
  const providers = options.executionProviders ?? ['cpu'];
  if (providers.length === 0) {
    throw new RetrievekitError('INVALID_ARGUMENT', 'executionProviders is empty', {
      where: { field: 'executionProviders' },
      hint: "name at least one provider, e.g. ['cpu']",
    });
  }
  const threads = options.intraOpNumThreads;
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    throw new RetrievekitError(
      'INVALID_ARGUMENT',
      `intraOpNumThreads must be a positive integer, got ${threads}`,
      {
        where: { field: 'intraOpNumThreads' },
      },
    );
  }
  return {
    async createSession(model) {
      if (typeof model === 'string' && !existsSync(model)) {
        throw new RetrievekitError('NOT_FOUND', 'model file not found', { where: { file: model } });
      }
      const failed: { name: string; reason: string }[] = [];
      for (const name of providers) {
        try {
          const sessionOptions: ort.InferenceSession.SessionOptions = { executionProviders: [name] };
          if (threads !== undefined) sessionOptions.intraOpNumThreads = threads;
          const session =
            typeof model === 'string'
              ? await ort.InferenceSession.create(model, sessionOptions)
              : await ort.InferenceSession.create(model, sessionOptions);
          return wrapSession(session, {
            runtime: 'onnxruntime-node',
            executionProvider: name,
            failedProviders: failed,
            intraOpNumThreads: threads,
          });
        } catch (error) {
          failed.push({ name, reason: (error as Error).message.split('\n')[0] ?? String(error) });
        }
      }
      const tried = failed.map((f) => `${f.name}: ${f.reason}`).join('; ');
      throw new RetrievekitError('RUNTIME', `no execution provider could load the model (${tried})`, {
        where: { field: 'executionProviders', ...(typeof model === 'string' ? { file: model } : {}) },
        hint: "install the provider's files (e.g. onnxruntime-node's CUDA build) or name a fallback: executionProviders: ['cuda', 'cpu']",
      });
    },
  };
}
