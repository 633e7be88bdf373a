import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from './command.js';
import { main } from './main.js';
import type { RuntimeIO } from './runtime-io.js';

/** Output of one captured run. */
export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `retrievekit ...argv` through `main` with captured output (no colour, not a TTY unless asked). */
export async function runCli(
  command: Command,
  argv: readonly string[],
  extra: Partial<RuntimeIO> = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: RuntimeIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    color: false,
    stderrIsTTY: false,
    ...extra,
  };
  const code = await main([command.name, ...argv], io, [command]);
  return { code, stdout, stderr };
}

/** A fresh temporary folder and a function removing it. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `retrievekit-cli-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
