import type { Command } from '../command.js';
import { evalCommand } from './eval.js';

/** Every subcommand, in the order `retrievekit --help` lists them. Add new commands here. */
export const COMMANDS: readonly Command[] = [evalCommand];
