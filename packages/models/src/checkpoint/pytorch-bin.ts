import { RetrievekitError } from '@retrievekit/core';
import type { WeightMap } from '../graph/weights.js';
import { DTYPE_BYTES } from './dtype.js';
import { PickleDict } from './pickle-value.js';
import type { ParseWeightsOptions } from './safetensors.js';
import { materialiseView } from './strided.js';
import { TensorRecord, torchHooks } from './torch-pickle.js';
import { unpickle } from './unpickler.js';
import { readZipEntries } from './zip-entries.js';

const LEGACY_MAGIC = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

function legacyFormat(bytes: Uint8Array): string | undefined {
  if (LEGACY_MAGIC.every((b, i) => bytes[i] === b)) return 'the legacy pickle format of torch < 1.6';
  if (new TextDecoder('latin1').decode(bytes.subarray(257, 262)) === 'ustar')
    return 'the legacy tar format of torch < 0.4';
  return undefined;
}

function unzip(bytes: Uint8Array, file: string): Map<string, Uint8Array> {
  const legacy = legacyFormat(bytes);
  if (legacy !== undefined) {
    throw new RetrievekitError('UNSUPPORTED', `checkpoint is in ${legacy}`, {
      where: { file },
      hint: 'unsupported: re-save with torch>=1.6: torch.save(torch.load(path), path), or convert it to model.safetensors',
    });
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new RetrievekitError('CORRUPT_DATA', 'not a PyTorch checkpoint (no zip signature)', {
      where: { file },
      hint: 'expected a file written by torch.save (a zip archive holding data.pkl)',
    });
  }
  return readZipEntries(bytes, file);
}

/**
 * Reads a `pytorch_model.bin` written by `torch.save(state_dict)` (torch >= 1.6 zip format): the
 * `<archive>/data.pkl` pickle is interpreted by a restricted unpickler that never executes code, and
 * tensors are materialised from the `<archive>/data/<key>` storages (strided views copied into
 * row-major arrays; tensors sharing a storage, such as tied embeddings, each get their own copy). With
 * `{ copy: false }`, contiguous aligned tensors are views into `bytes` instead (the zip entries torch
 * writes are stored uncompressed and 64-byte aligned), so the weights are not held twice.
 *
 * Legacy (non-zip) checkpoints throw `UNSUPPORTED` with the advice to re-save them.
 *
 * @param bytes - the whole file
 * @param file - name used in error messages
 * @param options - `copy: false` for zero-copy views
 * @returns the tensors keyed by their state-dict names, in file order
 */
export function parsePytorchCheckpoint(
  bytes: Uint8Array,
  file = 'pytorch_model.bin',
  options: ParseWeightsOptions = {},
): WeightMap {
  const entries = unzip(bytes, file);
  const pickleName = [...entries.keys()].find((name) => name === 'data.pkl' || name.endsWith('/data.pkl'));
  const pickleBytes = pickleName === undefined ? undefined : entries.get(pickleName);
  if (pickleName === undefined || pickleBytes === undefined) {
    throw new RetrievekitError('CORRUPT_DATA', 'zip archive holds no data.pkl', { where: { file } });
  }
  const prefix = pickleName.slice(0, pickleName.length - 'data.pkl'.length);
  const byteorder = entries.get(`${prefix}byteorder`);
  if (byteorder !== undefined && new TextDecoder().decode(byteorder).trim() !== 'little') {
    throw new RetrievekitError('UNSUPPORTED', 'checkpoint was saved on a big-endian machine', {
      where: { file },
    });
  }
  const where = `${file}:${pickleName}`;
  const root = unpickle(pickleBytes, torchHooks(), where);
  if (!(root instanceof PickleDict)) {
    throw new RetrievekitError('UNSUPPORTED', 'checkpoint is not a state dict (expected a dict of tensors)', {
      where: { file },
      hint: 'save model.state_dict(), not the model object or a training checkpoint',
    });
  }
  const weights: WeightMap = new Map();
  for (const [key, value] of root.entries) {
    const name = String(key);
    if (!(value instanceof TensorRecord)) {
      throw new RetrievekitError('UNSUPPORTED', `state dict entry is not a tensor`, {
        where: { file, field: name },
      });
    }
    const { storage } = value;
    if (storage.dtype === null) {
      throw new RetrievekitError(
        'UNSUPPORTED',
        `tensor storage type ${storage.storageType} is not supported`,
        {
          where: { file, field: name },
          hint: 'convert the model to float32/float16/bfloat16 before saving',
        },
      );
    }
    const raw = entries.get(`${prefix}data/${storage.key}`);
    if (raw === undefined) {
      throw new RetrievekitError('CORRUPT_DATA', `storage data/${storage.key} is missing from the archive`, {
        where: { file, field: name },
      });
    }
    if (raw.length < storage.elements * DTYPE_BYTES[storage.dtype]) {
      throw new RetrievekitError(
        'CORRUPT_DATA',
        `storage data/${storage.key} holds ${raw.length} bytes, fewer than its ${storage.elements} elements need`,
        {
          where: { file, field: name },
        },
      );
    }
    const view = {
      dtype: storage.dtype,
      storage: raw,
      offset: value.storageOffset,
      shape: value.shape,
      stride: value.stride,
    };
    weights.set(name, materialiseView(view, name, file, options.copy !== false));
  }
  return weights;
}
