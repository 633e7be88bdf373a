/** Where a command writes, and what it may read from its environment. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when ANSI colours may be used (a TTY and no NO_COLOR). */
  color: boolean;
}

/** One `retrievekit` subcommand. Add a file under `commands/` exporting one, and list it in `commands/index.ts`. */
export interface Command {
  /** Name typed after `retrievekit`. */
  name: string;
  /** One-line summary for `retrievekit --help`. */
  summary: string;
  /** Full help text (usage, options, examples) for `retrievekit NAME --help`. */
  help: string;
  /** Runs the command; resolves when done, throws `RetrievekitError` on failure. */
  run(argv: readonly string[], io: CommandIO): Promise<void>;
}
