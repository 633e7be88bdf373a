/**
 * `@retrievekit/core/node`: the few Node-only helpers every package that persists files shares.
 * The main `@retrievekit/core` entry stays free of Node built-ins so it runs in browsers.
 *
 * @packageDocumentation
 */

export type { AtomicContent, WriteAtomicOptions } from './atomic-write.js';
export { syncPath, writeFileAtomic } from './atomic-write.js';
