import type { Command } from '../command.js';
import { clusterCommand } from './cluster.js';
import { convertCommand } from './convert.js';
import { downloadCommand } from './download.js';
import { evalCommand } from './eval.js';
import { sampleCommand } from './sample.js';

/** Every subcommand, in the order `retrievekit --help` lists them. Add new commands here. */
export const COMMANDS: readonly Command[] = [
  evalCommand,
  downloadCommand,
  convertCommand,
  clusterCommand,
  sampleCommand,
];
