import { RetrievekitError } from '@retrievekit/core';
import type { Command, CommandIO } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_INTERRUPTED } from './interrupt.js';

/** Exit codes of `retrievekit`. */
export const EXIT_OK = 0;
/** Bad input data or a runtime failure. */
export const EXIT_ERROR = 1;
/** Bad command line. */
export const EXIT_USAGE = 2;

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Usage: retrievekit COMMAND [options]\n\nCommands:\n${list}\n\nRun "retrievekit COMMAND --help" for a command's options and examples.\n`;
}

function paint(io: CommandIO, text: string): string {
  return io.color ? `\u001b[31m${text}\u001b[0m` : text;
}

/**
 * Runs `retrievekit` with `argv` (without node and script): dispatches to a subcommand, prints errors as
 * one line plus a hint, and returns the exit code (0 ok, 1 data/runtime error, 2 usage error,
 * 130 interrupted).
 */
export async function main(
  argv: readonly string[],
  io: CommandIO,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(overview(commands));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(
      `${paint(io, 'error:')} unknown command "${name}"\n  hint: one of ${commands.map((c) => c.name).join(', ')}\n`,
    );
    return EXIT_USAGE;
  }
  try {
    await command.run(rest, io);
    return EXIT_OK;
  } catch (error) {
    if (RetrievekitError.isInstance(error)) {
      const usage = error.code === 'INVALID_ARGUMENT';
      const hint = error.hint ?? (usage ? `run "retrievekit ${name} --help"` : undefined);
      const message = error.message.replace(` (${error.hint})`, '');
      io.stderr(`${paint(io, 'error:')} retrievekit ${name}: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`);
      if (error.code === 'ABORTED') return EXIT_INTERRUPTED;
      return usage ? EXIT_USAGE : EXIT_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `${paint(io, 'error:')} retrievekit ${name}: ${message}\n  hint: this looks like a bug; please report it\n`,
    );
    return EXIT_ERROR;
  }
}

/** Whether colours may be used on a stream: a TTY and no `NO_COLOR` (https://no-color.org). */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  return isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
