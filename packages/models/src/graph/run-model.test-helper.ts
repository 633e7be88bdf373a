/** Test-only helper: runs a built model in onnxruntime-node on a right-padded batch of token id lists. */
import * as ort from 'onnxruntime-node';
import type { OnnxModel } from '../onnx/onnx-types.js';
import { serializeModel } from '../onnx/write-model.js';

/** Creates an onnxruntime-node session from an in-memory model. */
export function createSession(model: OnnxModel): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(serializeModel(model));
}

/** Runs `sequences` (padded with id 0 to the longest) and returns every output as float32 with dims. */
export async function runBatch(
  session: ort.InferenceSession,
  sequences: readonly (readonly number[])[],
  withTokenTypes: boolean,
): Promise<Record<string, { dims: readonly number[]; data: Float32Array }>> {
  const batch = sequences.length;
  const length = Math.max(...sequences.map((s) => s.length));
  const ids = new BigInt64Array(batch * length);
  const mask = new BigInt64Array(batch * length);
  const types = new BigInt64Array(batch * length);
  sequences.forEach((seq, b) => {
    seq.forEach((id, t) => {
      ids[b * length + t] = BigInt(id);
      mask[b * length + t] = 1n;
      types[b * length + t] = t >= Math.ceil(seq.length / 2) ? 1n : 0n;
    });
  });
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', ids, [batch, length]),
    attention_mask: new ort.Tensor('int64', mask, [batch, length]),
  };
  if (withTokenTypes) feeds.token_type_ids = new ort.Tensor('int64', types, [batch, length]);
  const out = await session.run(feeds);
  const result: Record<string, { dims: readonly number[]; data: Float32Array }> = {};
  for (const [name, tensor] of Object.entries(out))
    result[name] = { dims: tensor.dims, data: tensor.data as Float32Array };
  return result;
}

/** Token types matching {@link runBatch}: second half of each sequence is segment 1. */
export function tokenTypesFor(seq: readonly number[]): number[] {
  return seq.map((_, t) => (t >= Math.ceil(seq.length / 2) ? 1 : 0));
}

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
}
