/**
 * Values produced by the restricted unpickler. Nothing here can run code: globals are inert records
 * resolved through an allow-list, and only the allow-list's own TypeScript functions are ever called.
 */

/** A Python tuple. */
export class PickleTuple {
  constructor(readonly items: PickleValue[]) {}
}

/** A reference to an allowed Python global (`module.name`), possibly callable through REDUCE. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
    /** Implementation of REDUCE for this global, when it may be called. */
    readonly call?: (args: readonly PickleValue[], offset: number) => PickleValue,
  ) {}

  /** `module.name`. */
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A value built by an allow-listed callable (for example a tensor record); opaque to the unpickler. */
export abstract class PickleObject {
  /** Applies a BUILD opcode's state; the default refuses. */
  abstract build(state: PickleValue, offset: number): void;
}

/** Everything the unpickler can put on its stack. */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | PickleTuple
  | PickleDict
  | PickleGlobal
  | PickleObject;

/** A Python dict (or OrderedDict), insertion ordered; keys are primitive values. */
export class PickleDict {
  readonly entries = new Map<string | number | bigint | boolean | null, PickleValue>();
  /** State given by a BUILD opcode (e.g. a state_dict's `_metadata` attribute), kept but not interpreted. */
  state: PickleValue | undefined;
}
