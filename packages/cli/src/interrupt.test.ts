import { EventEmitter } from 'node:events';
import { RetrievekitError, throwIfAborted } from '@retrievekit/core';
import { describe, expect, it } from 'vitest';
import { type InterruptHost, withInterrupt } from './interrupt.js';

function fakeHost() {
  const emitter = new EventEmitter();
  const host: InterruptHost = {
    once: (event, listener) => emitter.once(event, listener),
    off: (event, listener) => emitter.off(event, listener),
  };
  return { host, emitter };
}

const io = { stdout: () => {}, stderr: () => {}, color: false };

describe('withInterrupt', () => {
  it('Ctrl-C aborts the work, lets it clean up, and reports ABORTED with a hint', async () => {
    const { host, emitter } = fakeHost();
    let cleaned = false;
    const running = withInterrupt(
      io,
      (signal) =>
        new Promise<void>((_, reject) => {
          signal.addEventListener('abort', () => {
            cleaned = true;
            reject(new RetrievekitError('ABORTED', 'work was cancelled'));
          });
        }),
      host,
    );
    expect(emitter.listenerCount('SIGINT')).toBe(1);
    emitter.emit('SIGINT');
    const error = await running.catch((e: unknown) => e);
    expect(RetrievekitError.hasCode(error, 'ABORTED')).toBe(true);
    expect((error as RetrievekitError).hint).toMatch(/run the same command again/);
    expect(cleaned).toBe(true);
    expect(emitter.listenerCount('SIGINT')).toBe(0);
  });
  it('finished work removes its handler; other errors pass through; a given signal is used as is', async () => {
    const { host, emitter } = fakeHost();
    expect(await withInterrupt(io, async () => 7, host)).toBe(7);
    await expect(withInterrupt(io, async () => Promise.reject(new Error('boom')), host)).rejects.toThrow(
      'boom',
    );
    expect(emitter.listenerCount('SIGINT')).toBe(0);
    const controller = new AbortController();
    controller.abort();
    const run = withInterrupt(
      { ...io, signal: controller.signal },
      async (s) => throwIfAborted(s, 'x'),
      host,
    );
    await expect(run).rejects.toThrow('x was cancelled');
  });
});
