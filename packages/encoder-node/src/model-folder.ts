import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import type { PoolingMode } from '@retrievekit/encoder';
import { poolingFromConfig } from '@retrievekit/encoder';

/** Reads a JSON object file; undefined when absent. */
export async function readJsonIfPresent(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RetrievekitError('RUNTIME', `cannot read: ${(error as Error).message}`, {
      where: { file },
      cause: error,
    });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch (cause) {
    throw new RetrievekitError('PARSE_ERROR', 'not valid JSON', { where: { file }, cause });
  }
  throw new RetrievekitError('PARSE_ERROR', 'expected a JSON object', { where: { file } });
}

/** Pooling and normalisation declared by a sentence-transformers folder (`modules.json` + pooling config). */
export interface FolderPooling {
  /** The pooling mode, or undefined when the folder declares none. */
  pooling: PoolingMode | undefined;
  /** True when `modules.json` lists a `Normalize` module. */
  normalize: boolean;
}

/**
 * Reads `modules.json` (the Pooling module's folder, a Normalize module) and that folder's `config.json`,
 * falling back to `1_Pooling/config.json`.
 */
export async function readFolderPooling(dir: string): Promise<FolderPooling> {
  const modulesFile = join(dir, 'modules.json');
  let modules: unknown[] = [];
  try {
    modules = JSON.parse(await readFile(modulesFile, 'utf8')) as unknown[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new RetrievekitError('PARSE_ERROR', 'modules.json is not a JSON array', {
        where: { file: modulesFile },
        cause: error,
      });
    }
  }
  let poolingPath = '1_Pooling';
  let normalize = false;
  for (const entry of Array.isArray(modules) ? modules : []) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { type, path } = entry as Record<string, unknown>;
    if (typeof type !== 'string') continue;
    if (type.endsWith('.Pooling') && typeof path === 'string') poolingPath = path;
    if (type.endsWith('.Normalize')) normalize = true;
  }
  const file = join(dir, poolingPath, 'config.json');
  const config = await readJsonIfPresent(file);
  return { pooling: config === undefined ? undefined : poolingFromConfig(config, file), normalize };
}

/** `vocab_size` of config.json, or undefined. */
export function vocabSizeOf(config: Record<string, unknown> | undefined): number | undefined {
  const value = config?.vocab_size;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
