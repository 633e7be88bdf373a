import { parseArgs } from 'node:util';
import { RetrievekitError } from '@retrievekit/core';

/** One flag of a command: a boolean switch or a string value (repeatable when `multiple`). */
export interface FlagSpec {
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
}

/** Flags and positional arguments of one command line. */
export interface ParsedFlags {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** A usage error (exit code 2): `INVALID_ARGUMENT` naming the flag. */
export function usageError(field: string, message: string, hint?: string): RetrievekitError {
  return new RetrievekitError('INVALID_ARGUMENT', message, {
    where: { field },
    ...(hint === undefined ? {} : { hint }),
  });
}

/**
 * Parses `argv` strictly with `node:util` parseArgs (GNU style: `--flag value`, `--flag=value`, `-h`);
 * an unknown flag or a missing value becomes a usage error. `--help`/`-h` is always accepted.
 */
export function parseFlags(argv: readonly string[], specs: Record<string, FlagSpec>): ParsedFlags {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, ...specs },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedFlags['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? 'argv';
    throw usageError(flag, message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/** The string value of `--name`, or undefined. */
export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The string value of `--name`; a usage error when it is absent. */
export function requiredFlag(flags: ParsedFlags, name: string): string {
  const value = stringFlag(flags, name);
  if (value === undefined) throw usageError(`--${name}`, `--${name} is required`);
  return value;
}

/** `--name` parsed as an integer of at least `min`; `fallback` when absent. */
export function integerFlag(flags: ParsedFlags, name: string, fallback: number, min = 1): number {
  const text = stringFlag(flags, name);
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text)))
    throw usageError(`--${name}`, `--${name} expects an integer >= ${min}, got "${text}"`);
  return Number(text);
}

/** `--name` checked against a list of choices; `fallback` when absent. */
export function choiceFlag<T extends string>(
  flags: ParsedFlags,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = stringFlag(flags, name) ?? fallback;
  const found = choices.find((c) => c === text);
  if (found === undefined)
    throw usageError(`--${name}`, `--${name} must be one of ${choices.join(', ')}, got "${text}"`);
  return found;
}
