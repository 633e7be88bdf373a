import { throwIfAborted } from '@retrievekit/core';

/** Groups an (async) iterable into arrays of at most `size` items, checking `signal` between items. */
export async function* streamWindows<T>(
  source: AsyncIterable<T> | Iterable<T>,
  size: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<T[]> {
  let window: T[] = [];
  for await (const item of source) {
    throwIfAborted(signal, 'encoding');
    window.push(item);
    if (window.length >= size) {
      yield window;
      window = [];
    }
  }
  if (window.length > 0) yield window;
}
