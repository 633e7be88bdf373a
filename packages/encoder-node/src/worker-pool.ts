import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RetrievekitError } from '@retrievekit/core';
import type { EncoderRuntime, FloatOutput, Int64Input, RuntimeInfo } from '@retrievekit/encoder';
import type { NodeExecutionProvider, NodeModelSession } from './node-runtime.js';
import { WORKER_SOURCE } from './worker-source.js';

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Worker threads, each with its own session. Default: `os.availableParallelism()`. */
  workers?: number;
  /** onnxruntime intra-op threads per worker. Default 1 (workers x threads should not exceed the cores). */
  threadsPerWorker?: number;
  /** Providers to try in order, as in `createNodeRuntime`. Default `['cpu']`. */
  executionProviders?: readonly NodeExecutionProvider[];
}

type WorkerMessage =
  | {
      type: 'ready';
      inputNames: string[];
      outputNames: string[];
      provider: string;
      failed: { name: string; reason: string }[];
    }
  | { type: 'failed'; failed: { name: string; reason: string }[] }
  | { type: 'result'; id: number; out?: Record<string, FloatOutput>; error?: string }
  | { type: 'released' };

function positive(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RetrievekitError('INVALID_ARGUMENT', `${field} must be a positive integer, got ${value}`, {
      where: { field },
    });
  }
  return value;
}

/**
 * A runtime whose sessions spread runtime batches over worker threads (one onnxruntime-node session per
 * worker), so passage encoding uses every core. Encoders keep `workers` batches in flight.
 *
 * @example
 * ```ts
 * const runtime = createWorkerPool({ workers: 4, threadsPerWorker: 1 });
 * const encoder = await loadEncoder(dir, { kind: 'dense', runtime });
 * await encoder.encodePassages(passages); // 4 batches at a time
 * await encoder.release(); // ends the workers
 * ```
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): EncoderRuntime & {
  createSession(model: string | Uint8Array): Promise<NodeModelSession>;
} {
  const workers = positive(options.workers ?? availableParallelism(), 'workers');
  const threads = positive(options.threadsPerWorker ?? 1, 'threadsPerWorker');
  const providers = options.executionProviders ?? ['cpu'];
  const ortUrl = pathToFileURL(createRequire(import.meta.url).resolve('onnxruntime-node')).href;
  return {
    async createSession(model) {
      if (typeof model === 'string' && !existsSync(model)) {
        throw new RetrievekitError('NOT_FOUND', 'model file not found', { where: { file: model } });
      }
      const pending = new Map<
        number,
        { resolve: (out: Record<string, FloatOutput>) => void; reject: (e: Error) => void }
      >();
      let nextId = 0;
      const started = Array.from({ length: workers }, () => {
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { ortUrl, model, providers, threads },
        });
        const ready = new Promise<Extract<WorkerMessage, { type: 'ready' }>>((resolve, reject) => {
          worker.on('message', (message: WorkerMessage) => {
            if (message.type === 'ready') resolve(message);
            else if (message.type === 'failed') {
              const tried = message.failed.map((f) => `${f.name}: ${f.reason}`).join('; ');
              reject(
                new RetrievekitError('RUNTIME', `no execution provider could load the model (${tried})`, {
                  where: { field: 'executionProviders' },
                  hint: "install the provider's files or name a fallback: executionProviders: ['cuda', 'cpu']",
                }),
              );
            } else if (message.type === 'result') {
              const waiter = pending.get(message.id);
              pending.delete(message.id);
              if (message.error !== undefined)
                waiter?.reject(new RetrievekitError('RUNTIME', `worker run failed: ${message.error}`));
              else waiter?.resolve(message.out ?? {});
            }
          });
          worker.on('error', reject);
          // A worker that dies fails every request still waiting instead of leaving it hanging.
          worker.on('exit', (code) => {
            for (const [id, waiter] of pending) {
              pending.delete(id);
              waiter.reject(
                new RetrievekitError('RUNTIME', `a pool worker exited (code ${code}) with runs in flight`),
              );
            }
          });
        });
        return { worker, ready };
      });
      let readies: Extract<WorkerMessage, { type: 'ready' }>[];
      try {
        readies = await Promise.all(started.map((s) => s.ready));
      } catch (error) {
        await Promise.all(started.map((s) => s.worker.terminate()));
        throw error;
      }
      const first = readies[0] as Extract<WorkerMessage, { type: 'ready' }>;
      const info: RuntimeInfo = {
        runtime: 'onnxruntime-node (worker pool)',
        executionProvider: first.provider,
        failedProviders: first.failed,
        intraOpNumThreads: threads,
      };
      let turn = 0;
      return {
        inputNames: first.inputNames,
        outputNames: first.outputNames,
        concurrency: workers,
        info: () => info,
        run(feeds: Record<string, Int64Input>, outputNames: readonly string[]) {
          const id = nextId++;
          const target = started[turn++ % workers]?.worker;
          return new Promise<Record<string, FloatOutput>>((resolve, reject) => {
            pending.set(id, { resolve, reject });
            target?.postMessage({ type: 'run', id, feeds, outputs: [...outputNames] });
          });
        },
        async release() {
          await Promise.all(started.map((s) => s.worker.terminate()));
        },
      };
    },
  };
}
