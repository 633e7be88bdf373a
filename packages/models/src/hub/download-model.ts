import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { RetrievekitError } from '@retrievekit/core';
import { snapshotDir } from './cache-paths.js';
import { type ChosenWeights, chooseWeights, SUPPORT_FILES } from './choose-files.js';
import { downloadHubFile } from './download-file.js';
import { fetchRepoRevision } from './hub-api.js';
import { type HubOptions, resolveHubOptions } from './hub-config.js';
import { missingFileError } from './hub-errors.js';

/** What {@link downloadModel} returns. */
export interface ModelFolder {
  /** Local folder holding the files (the cache snapshot, or the folder given). */
  dir: string;
  /** The commit downloaded; undefined for a local folder. */
  commit: string | undefined;
  /** The weights chosen and whether they need conversion to ONNX. */
  weights: ChosenWeights;
  /** Repository-relative paths present in `dir` that were fetched or found. */
  files: string[];
}

async function listFolder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith('.part'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

function noWeights(where: string): RetrievekitError {
  return new RetrievekitError(
    'NOT_FOUND',
    'no model weights (onnx/model.onnx, model.onnx, model.safetensors, pytorch_model.bin)',
    {
      where: { file: where },
      hint: 'pick a repository that ships an ONNX export or PyTorch weights',
    },
  );
}

/**
 * Makes a model available locally: a local folder is used as is; a hub repository id is resolved with
 * the hub API and its weights (ONNX export preferred, else safetensors, else pytorch_model.bin, flagged
 * as needing conversion) plus config and tokenizer files are downloaded into the cache, resumably and
 * checksummed. Works offline (`HF_HUB_OFFLINE=1`) from a previously downloaded revision.
 *
 * @example
 * ```ts
 * const model = await downloadModel('sentence-transformers/msmarco-distilbert-base-tas-b', {
 *   onProgress: ({ done }) => console.log(`${done} bytes`),
 * });
 * model.weights; // { path: 'onnx/model.onnx', format: 'onnx', needsConversion: false, companions: [] }
 * ```
 * @param repoOrPath - `owner/name` on the hub, or a local folder
 * @throws `OFFLINE` naming the missing file and how to supply it; `NOT_FOUND`; `NETWORK`; `ABORTED`
 */
export async function downloadModel(repoOrPath: string, options: HubOptions = {}): Promise<ModelFolder> {
  if (existsSync(repoOrPath) && statSync(repoOrPath).isDirectory()) {
    const files = await listFolder(repoOrPath);
    const weights = chooseWeights(files);
    if (weights === undefined) throw noWeights(repoOrPath);
    return { dir: repoOrPath, commit: undefined, weights, files };
  }
  const resolved = resolveHubOptions(options);
  const { commit, files: listed } = await fetchRepoRevision(repoOrPath, resolved);
  const dir = snapshotDir(resolved.cacheDir, repoOrPath, commit);
  if (resolved.offline) {
    const cached = existsSync(dir) ? await listFolder(dir) : [];
    const weights = chooseWeights(cached);
    if (weights === undefined)
      throw missingFileError(
        repoOrPath,
        'model weights',
        resolved.revision,
        'offline mode (HF_HUB_OFFLINE)',
        dir,
      );
    return { dir, commit, weights, files: cached };
  }
  const weights = chooseWeights(listed);
  if (weights === undefined) throw noWeights(`${resolved.endpoint}/${repoOrPath}`);
  const wanted = [weights.path, ...weights.companions, ...SUPPORT_FILES.filter((f) => listed.includes(f))];
  let before = 0;
  for (const path of wanted) {
    let last = 0;
    await downloadHubFile(repoOrPath, path, commit, {
      ...resolved,
      onProgress: (p) => {
        last = p.done;
        resolved.onProgress?.({ done: before + p.done, unit: 'bytes' });
      },
    });
    before += last;
  }
  return { dir, commit, weights, files: wanted };
}
