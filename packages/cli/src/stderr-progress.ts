import { createProgressBar, type ProgressBar } from './progress-bar.js';
import type { RuntimeIO } from './runtime-io.js';

/** A {@link ProgressBar} on the command's stderr, redrawn in place only when stderr is a terminal. */
export function stderrProgress(io: RuntimeIO, label: string): ProgressBar {
  const tty = io.stderrIsTTY ?? process.stderr.isTTY === true;
  return createProgressBar({
    write: io.stderr,
    tty,
    label,
    color: io.color,
    columns: tty ? process.stderr.columns : undefined,
    ...(io.now === undefined ? {} : { now: io.now }),
  });
}
