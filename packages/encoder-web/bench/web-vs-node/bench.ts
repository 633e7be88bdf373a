/**
 * onnxruntime-web (wasm, through createWebRuntime) against onnxruntime-node (cpu), same model, same
 * batches, same thread count, measured in the same run. Prints ms per batch and the ratio web / node.
 *
 * Run from packages/encoder-web: node --conditions=source --import tsx bench/web-vs-node/bench.ts [threads]
 */
import type { TransformerConfig } from '@retrievekit/models';
import {
  buildTransformerModel,
  randomWeights,
  serializeModel,
  tinyDistilBertConfig,
} from '@retrievekit/models';
import * as ortNode from 'onnxruntime-node';
import { createWebRuntime } from '../../src/index.js';

const threads = Number(process.argv[2] ?? 2);
const ROWS = 16;
const LENGTH = 64;
const WARMUP = 2;
const RUNS = 10;

/** A small DistilBERT: big enough that matrix products dominate, small enough for a loaded 2-core box. */
const config: TransformerConfig = {
  ...tinyDistilBertConfig,
  hiddenSize: 128,
  numHeads: 4,
  intermediateSize: 512,
};
const bytes = serializeModel(
  buildTransformerModel({
    config,
    weights: randomWeights(config, 3),
    head: { kind: 'embedding', pooling: 'cls', normalize: false },
  }),
);

let seed = 1;
const ids = BigInt64Array.from({ length: ROWS * LENGTH }, () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return BigInt(1000 + (seed % 28000));
});
const mask = new BigInt64Array(ROWS * LENGTH).fill(1n);
const dims = [ROWS, LENGTH];

async function time(run: () => Promise<Float32Array>): Promise<{ ms: number; out: Float32Array }> {
  let out: Float32Array = new Float32Array();
  for (let i = 0; i < WARMUP; i++) out = await run();
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) out = await run();
  return { ms: (performance.now() - started) / RUNS, out };
}

const nodeSession = await ortNode.InferenceSession.create(bytes, { intraOpNumThreads: threads });
const node = await time(async () => {
  const out = await nodeSession.run(
    {
      input_ids: new ortNode.Tensor('int64', ids, dims),
      attention_mask: new ortNode.Tensor('int64', mask, dims),
    },
    ['sentence_embedding'],
  );
  return (out.sentence_embedding as ortNode.Tensor).data as Float32Array;
});

const webSession = await createWebRuntime({ wasm: { numThreads: threads } }).createSession(bytes);
const web = await time(async () => {
  const out = await webSession.run({ input_ids: { data: ids, dims }, attention_mask: { data: mask, dims } }, [
    'sentence_embedding',
  ]);
  return out.sentence_embedding?.data ?? new Float32Array();
});

let diff = 0;
for (let i = 0; i < node.out.length; i++)
  diff = Math.max(diff, Math.abs((node.out[i] ?? 0) - (web.out[i] ?? 0)));
console.log(
  `model: DistilBERT ${config.numLayers}x${config.hiddenSize}, batch ${ROWS}x${LENGTH}, threads ${threads}`,
);
console.log(`onnxruntime-node cpu : ${node.ms.toFixed(1)} ms/batch`);
console.log(
  `onnxruntime-web wasm : ${web.ms.toFixed(1)} ms/batch (${webSession.info().wasmNumThreads} threads)`,
);
console.log(`ratio web / node     : ${(web.ms / node.ms).toFixed(2)}x   max |diff| ${diff.toExponential(1)}`);
await nodeSession.release();
await webSession.release();
