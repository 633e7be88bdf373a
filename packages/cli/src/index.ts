/**
 * `retrievekit`: the command line. `main(argv, io)` runs it programmatically; each subcommand is a
 * {@link Command} listed in `COMMANDS`.
 *
 * @packageDocumentation
 */

export type { Command, CommandIO } from './command.js';
export { COMMANDS } from './commands/index.js';
export { colorEnabled, EXIT_ERROR, EXIT_OK, EXIT_USAGE, main } from './main.js';
