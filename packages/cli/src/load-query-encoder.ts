import type { DenseBatch, LongTaskOptions } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';

type EncoderNode = typeof import('@retrievekit/encoder-node');

/** Options of {@link encodeQueriesWith}. */
export interface EncodeQueriesWithOptions extends LongTaskOptions {
  /** Most tokens per query, special tokens included. */
  maxLength: number;
  /** Rows per runtime call. */
  batchSize: number;
}

async function importEncoderNode(): Promise<EncoderNode> {
  try {
    return await import('@retrievekit/encoder-node');
  } catch (error) {
    throw new RetrievekitError('UNSUPPORTED', 'encoding needs onnxruntime-node, which is not installed', {
      where: { field: '--cluster-with' },
      hint: 'install the peer dependency onnxruntime-node (>=1.20 <2), or encode the queries yourself and pass --vectors',
      cause: error,
    });
  }
}

/**
 * Encodes query texts with the dense encoder of a model folder or hub repository (onnxruntime-node on
 * the CPU), in batches, in the caller's order, and counts the queries cut to `maxLength`. Loads `@retrievekit/encoder-node` (and so onnxruntime-node)
 * only when called, so the rest of the command line works without the optional peer dependency.
 */
export async function encodeQueriesWith(
  model: string,
  texts: readonly string[],
  options: EncodeQueriesWithOptions,
): Promise<{ embeddings: DenseBatch; truncated: number }> {
  const { createNodeRuntime, loadEncoder } = await importEncoderNode();
  const encoder = await loadEncoder(model, {
    kind: 'dense',
    runtime: createNodeRuntime(),
    maxLength: { query: options.maxLength },
    batchSize: options.batchSize,
  });
  try {
    const { embeddings, truncated } = await encoder.encodeQueries(texts, {
      maxLength: options.maxLength,
      batchSize: options.batchSize,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    return { embeddings, truncated: truncated.reduce((sum, t) => sum + t, 0) };
  } finally {
    await encoder.release();
  }
}
