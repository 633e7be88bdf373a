import { RetrievekitError } from '@retrievekit/core';
import type { FloatOutput, ModelSession, RuntimeInfo } from '@retrievekit/encoder';
import * as ort from 'onnxruntime-web';

/** What an onnxruntime-web session runs on: the provider in use plus the wasm setup of the page. */
export interface WebRuntimeInfo extends RuntimeInfo {
  /** Threads of the wasm backend after onnxruntime-web resolved its default (1 when not isolated). */
  readonly wasmNumThreads: number;
  /** SIMD flavour of the wasm backend. */
  readonly simd: 'fixed' | 'relaxed';
  /** Whether the page is cross-origin isolated (`true` in Node, where threads always work). */
  readonly crossOriginIsolated: boolean;
}

/** A session of onnxruntime-web plus what it runs on. */
export type WebModelSession = ModelSession & { info(): WebRuntimeInfo };

/** Wraps an onnxruntime-web session: int64 feeds in, float32 outputs out, runtime tensors disposed. */
export function wrapWebSession(session: ort.InferenceSession, info: WebRuntimeInfo): WebModelSession {
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    info: () => info,
    async run(feeds, outputNames) {
      const tensors: Record<string, ort.Tensor> = {};
      const out: Record<string, FloatOutput> = {};
      let results: ort.InferenceSession.OnnxValueMapType = {};
      try {
        for (const [name, input] of Object.entries(feeds))
          tensors[name] = new ort.Tensor('int64', input.data, [...input.dims]);
        results = await session.run(tensors, [...outputNames]);
        for (const [name, tensor] of Object.entries(results)) {
          if (tensor.type !== 'float32') {
            throw new RetrievekitError(
              'UNSUPPORTED',
              `output "${name}" is ${tensor.type}, expected float32`,
              { where: { field: name } },
            );
          }
          // A GPU-resident output (preferredOutputLocation) is downloaded before its tensor is disposed.
          const data = tensor.location === 'cpu' ? tensor.data : await tensor.getData(true);
          out[name] = { data: data as Float32Array, dims: tensor.dims };
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
