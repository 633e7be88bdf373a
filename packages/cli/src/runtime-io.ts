import type { CommandIO } from './command.js';

/**
 * What long-running commands may additionally receive besides {@link CommandIO}. Every field is
 * optional: `cli.ts` passes a plain `CommandIO`, and the commands fall back to the process
 * (`process.stderr.isTTY`, a SIGINT handler, `Date.now`). Tests and embedders pass them explicitly.
 */
export interface RuntimeIO extends CommandIO {
  /** Whether stderr is a terminal (progress bars redraw in place only then). Default `process.stderr.isTTY`. */
  stderrIsTTY?: boolean;
  /** Cancels the command; when absent, Ctrl-C (SIGINT) does. */
  signal?: AbortSignal;
  /** Clock in milliseconds (rates and ETAs). Default `Date.now`. */
  now?: () => number;
}
