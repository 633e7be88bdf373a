/** Test-only: independent references computed by running a graph directly in onnxruntime-node. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { sharedDir } from './model-folder.test-helper.js';

/** Runs one unpadded sequence (ids, optional type ids) and returns the named output with its dims. */
export async function runAlone(
  session: ort.InferenceSession,
  ids: readonly number[],
  output: string,
  typeIds?: readonly number[],
): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const dims = [1, ids.length];
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), dims),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
  };
  if (session.inputNames.includes('token_type_ids'))
    feeds.token_type_ids = new ort.Tensor(
      'int64',
      BigInt64Array.from(typeIds ?? ids.map(() => 0), BigInt),
      dims,
    );
  const out = await session.run(feeds, [output]);
  const tensor = out[output] as ort.Tensor;
  return { data: tensor.data as Float32Array, dims: tensor.dims };
}

/** CLS row or plain mean (no padding alone) of a `[1, L, H]` hidden state. */
export function poolAlone(
  hidden: { data: Float32Array; dims: readonly number[] },
  mode: 'cls' | 'mean',
): Float64Array {
  const [, length = 0, dim = 0] = hidden.dims;
  const out = new Float64Array(dim);
  if (mode === 'cls') for (let d = 0; d < dim; d++) out[d] = hidden.data[d] as number;
  else
    for (let t = 0; t < length; t++)
      for (let d = 0; d < dim; d++)
        out[d] = (out[d] as number) + (hidden.data[t * dim + d] as number) / length;
  return out;
}

/** Largest absolute difference of two equally long vectors. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

/** The first `count` SciFact passages (`{ id, title, text }`). */
export function scifactPassages(count: number): { id: string; title: string; text: string }[] {
  const lines = readFileSync(join(sharedDir, 'data/scifact/corpus.jsonl'), 'utf8').split('\n', count);
  return lines.map((line) => {
    const row = JSON.parse(line) as { _id: string; title: string; text: string };
    return { id: row._id, title: row.title, text: row.text };
  });
}
