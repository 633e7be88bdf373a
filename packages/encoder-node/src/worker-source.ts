/**
 * The source of a pool worker, run with `new Worker(source, { eval: true })` so it needs no file of its
 * own (works from TypeScript sources and from the built package alike). It imports onnxruntime-node from
 * the URL it is given, loads the model with the first provider that works, then serves `run` requests.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const ort = await import(workerData.ortUrl);
  const failed = [];
  let session;
  let provider;
  for (const name of workerData.providers) {
    try {
      const options = { executionProviders: [name] };
      if (workerData.threads !== undefined) options.intraOpNumThreads = workerData.threads;
      session = await ort.InferenceSession.create(workerData.model, options);
      provider = name;
      break;
    } catch (error) {
      failed.push({ name, reason: String((error && error.message) || error).split('\\n')[0] });
    }
  }
  if (session === undefined) {
    parentPort.postMessage({ type: 'failed', failed });
    return;
  }
  parentPort.postMessage({ type: 'ready', inputNames: session.inputNames, outputNames: session.outputNames, provider, failed });
  parentPort.on('message', async (message) => {
    if (message.type === 'release') {
      await session.release();
      parentPort.postMessage({ type: 'released' });
      return;
    }
    const tensors = {};
    try {
      for (const [name, feed] of Object.entries(message.feeds)) tensors[name] = new ort.Tensor('int64', feed.data, feed.dims);
      const results = await session.run(tensors, message.outputs);
      const out = {};
      const transfer = [];
      for (const [name, tensor] of Object.entries(results)) {
        if (tensor.type !== 'float32') throw new Error('output "' + name + '" is ' + tensor.type + ', expected float32');
        const data = tensor.data.slice();
        out[name] = { data, dims: tensor.dims };
        transfer.push(data.buffer);
        tensor.dispose();
      }
      parentPort.postMessage({ type: 'result', id: message.id, out }, transfer);
    } catch (error) {
      parentPort.postMessage({ type: 'result', id: message.id, error: String((error && error.message) || error) });
    }
  });
})().catch((error) => parentPort.postMessage({ type: 'failed', failed: [{ name: 'startup', reason: String((error && error.message) || error) }] }));
`;
