import { RetrievekitError } from '@retrievekit/core';
import type { RuntimeIO } from './runtime-io.js';

/** The exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** What {@link withInterrupt} needs from the process; injectable for tests. */
export interface InterruptHost {
  once(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}

const processHost: InterruptHost = {
  once: (event, listener) => process.once(event, listener),
  off: (event, listener) => process.off(event, listener),
};

/**
 * Runs cancellable work. With `io.signal` the caller cancels. Otherwise Ctrl-C (SIGINT) aborts an
 * AbortController whose signal the work receives; the work cleans up (partial files deleted or kept
 * resumable) and rejects with `ABORTED`, which is re-thrown with a hint; `main` turns it into exit
 * status 130. A second Ctrl-C falls through to Node's default (immediate exit).
 */
export async function withInterrupt<T>(
  io: RuntimeIO,
  work: (signal: AbortSignal) => Promise<T>,
  host: InterruptHost = processHost,
): Promise<T> {
  if (io.signal !== undefined) return work(io.signal);
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted (SIGINT)'));
  host.once('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      throw new RetrievekitError('ABORTED', 'interrupted', {
        hint: 'partial files were removed or kept for resuming; run the same command again',
        cause: error,
      });
    }
    throw error;
  } finally {
    host.off('SIGINT', onSigint);
  }
}
