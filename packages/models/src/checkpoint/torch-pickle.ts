import { RetrievekitError } from '@retrievekit/core';
import type { WeightDtype } from '../graph/weights.js';
import { PickleDict, PickleGlobal, PickleObject, PickleTuple, type PickleValue } from './pickle-value.js';
import type { UnpicklerHooks } from './unpickler.js';

/** Storage classes torch writes in persistent ids; `null` marks types read but not supported. */
const STORAGE_DTYPES: Readonly<Record<string, WeightDtype | null>> = {
  FloatStorage: 'float32',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  DoubleStorage: null,
  ShortStorage: null,
  BoolStorage: null,
};

/** A storage named by a checkpoint: raw bytes in `archive/data/<key>`. */
export class StorageRef extends PickleObject {
  constructor(
    readonly key: string,
    readonly storageType: string,
    readonly dtype: WeightDtype | null,
    readonly elements: number,
  ) {
    super();
  }
  build(_state: PickleValue, offset: number): void {
    throw refuse(`refusing BUILD on storage "${this.key}"`, offset);
  }
}

/** A tensor as `torch._utils._rebuild_tensor_v2` describes it: a strided view of a storage. */
export class TensorRecord extends PickleObject {
  constructor(
    readonly storage: StorageRef,
    readonly storageOffset: number,
    readonly shape: number[],
    readonly stride: number[],
  ) {
    super();
  }
  build(_state: PickleValue, offset: number): void {
    throw refuse('refusing BUILD on a tensor (tensor subclasses with state are not supported)', offset);
  }
}

function refuse(detail: string, offset: number, file?: string): RetrievekitError {
  return new RetrievekitError('UNSUPPORTED', `${detail} at byte offset ${offset}`, {
    where: file === undefined ? {} : { file },
    hint: 'only plain tensor checkpoints saved by torch.save(state_dict) are read; nothing was executed',
  });
}

function intTuple(value: PickleValue | undefined, what: string, offset: number): number[] {
  if (
    !(value instanceof PickleTuple) ||
    !value.items.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)
  ) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `_rebuild_tensor_v2 ${what} is not a tuple of non-negative integers at byte offset ${offset}`,
    );
  }
  return value.items as number[];
}

function rebuildTensor(args: readonly PickleValue[], offset: number): PickleValue {
  const [storage, storageOffset] = args;
  if (!(storage instanceof StorageRef) || typeof storageOffset !== 'number') {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `_rebuild_tensor_v2 arguments are malformed at byte offset ${offset}`,
    );
  }
  return new TensorRecord(
    storage,
    storageOffset,
    intTuple(args[2], 'size', offset),
    intTuple(args[3], 'stride', offset),
  );
}

function rebuildParameter(args: readonly PickleValue[], offset: number): PickleValue {
  const [data] = args;
  if (!(data instanceof TensorRecord)) {
    throw new RetrievekitError(
      'CORRUPT_DATA',
      `_rebuild_parameter argument is not a tensor at byte offset ${offset}`,
    );
  }
  return data;
}

function orderedDict(args: readonly PickleValue[], offset: number): PickleValue {
  if (args.length !== 0) throw refuse('refusing OrderedDict(...) with arguments', offset);
  return new PickleDict();
}

const CALLABLES: Readonly<Record<string, (args: readonly PickleValue[], offset: number) => PickleValue>> = {
  'collections.OrderedDict': orderedDict,
  'torch._utils._rebuild_tensor_v2': rebuildTensor,
  'torch._utils._rebuild_parameter': rebuildParameter,
};

/** The globals a tensor checkpoint may name, by `module.name`. */
export const ALLOWED_TORCH_GLOBALS: readonly string[] = [
  ...Object.keys(CALLABLES),
  ...Object.keys(STORAGE_DTYPES).map((name) => `torch.${name}`),
];

/**
 * Unpickler hooks for `torch.save` zip checkpoints: the allow-list of globals above and persistent ids
 * `('storage', torch.<Type>Storage, key, location, numel)`.
 */
export function torchHooks(): UnpicklerHooks {
  return {
    resolveGlobal(module, name) {
      const qualified = `${module}.${name}`;
      const call = CALLABLES[qualified];
      if (call !== undefined) return new PickleGlobal(module, name, call);
      if (module === 'torch' && name in STORAGE_DTYPES) return new PickleGlobal(module, name);
      return undefined;
    },
    persistentLoad(pid, offset) {
      const items = pid instanceof PickleTuple ? pid.items : [];
      const [tag, type, key, , numel] = items;
      if (
        tag !== 'storage' ||
        !(type instanceof PickleGlobal) ||
        typeof key !== 'string' ||
        typeof numel !== 'number'
      ) {
        throw new RetrievekitError(
          'CORRUPT_DATA',
          `persistent id is not a torch storage reference at byte offset ${offset}`,
        );
      }
      return new StorageRef(key, type.qualifiedName, STORAGE_DTYPES[type.name] ?? null, numel);
    },
  };
}
