import { RetrievekitError } from '@retrievekit/core';
import { OP, opcodeName } from './pickle-opcodes.js';
import { PickleDict, PickleGlobal, PickleObject, PickleTuple, type PickleValue } from './pickle-value.js';

/** What the restricted unpickler needs from its caller. */
export interface UnpicklerHooks {
  /** Returns the allowed global `module.name`, or undefined to refuse it. */
  resolveGlobal(module: string, name: string): PickleGlobal | undefined;
  /** Resolves a persistent id (BINPERSID); throws to refuse. */
  persistentLoad(pid: PickleValue, offset: number): PickleValue;
}

type DictKey = string | number | bigint | boolean | null;

/**
 * A pickle interpreter that never executes anything: it accepts only the binary opcodes a tensor
 * checkpoint uses, resolves globals through {@link UnpicklerHooks.resolveGlobal} (refusing all others with
 * the global's name and byte offset) and lets REDUCE call only the allow-list's own functions.
 *
 * @param data - the pickle bytes
 * @param file - name used in error messages (e.g. `pytorch_model.bin:archive/data.pkl`)
 */
export function unpickle(data: Uint8Array, hooks: UnpicklerHooks, file: string): PickleValue {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const memo = new Map<number, PickleValue>();
  let stack: PickleValue[] = [];
  const marks: PickleValue[][] = [];
  let pos = 0;
  let opStart = 0;

  const fail = (detail: string, code: 'CORRUPT_DATA' | 'UNSUPPORTED' = 'CORRUPT_DATA'): RetrievekitError =>
    new RetrievekitError(code, `${detail} at byte offset ${opStart}`, {
      where: { file },
      hint:
        code === 'UNSUPPORTED'
          ? 'only tensor checkpoints saved by torch.save(state_dict) are read; nothing in the file was executed'
          : 'the pickle is damaged or truncated; re-save the checkpoint',
    });
  const need = (n: number): number => {
    if (pos + n > data.length) throw fail(`unexpected end of pickle data (needed ${n} more bytes)`);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = (): number => view.getUint8(need(1));
  const u32 = (): number => view.getUint32(need(4), true);
  const u64 = (): number => {
    const value = view.getBigUint64(need(8), true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw fail('length too large');
    return Number(value);
  };
  const bytes = (n: number): Uint8Array => data.subarray(need(n), pos);
  const text = (n: number): string => {
    try {
      return decoder.decode(bytes(n));
    } catch (cause) {
      throw new RetrievekitError('CORRUPT_DATA', `invalid UTF-8 string at byte offset ${opStart}`, {
        where: { file },
        cause,
      });
    }
  };
  const line = (): string => {
    const end = data.indexOf(0x0a, pos);
    if (end < 0) throw fail('unterminated GLOBAL name');
    const value = new TextDecoder('latin1').decode(data.subarray(pos, end));
    pos = end + 1;
    return value;
  };
  const pop = (): PickleValue => {
    if (stack.length === 0) throw fail('stack underflow');
    return stack.pop() as PickleValue;
  };
  const top = (): PickleValue => {
    if (stack.length === 0) throw fail('stack underflow');
    return stack[stack.length - 1] as PickleValue;
  };
  const popMark = (): PickleValue[] => {
    const items = stack;
    const previous = marks.pop();
    if (previous === undefined) throw fail('MARK missing');
    stack = previous;
    return items;
  };
  const global = (module: string, name: string): PickleGlobal => {
    const resolved = hooks.resolveGlobal(module, name);
    if (resolved === undefined) {
      throw fail(
        `refusing to load global "${module}.${name}": not an allowed tensor-checkpoint global`,
        'UNSUPPORTED',
      );
    }
    return resolved;
  };
  const dictKey = (key: PickleValue): DictKey => {
    if (key === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof key)) return key as DictKey;
    throw fail('dict key is not a primitive value');
  };
  const setItems = (items: PickleValue[]): void => {
    const dict = top();
    if (!(dict instanceof PickleDict)) throw fail('SETITEM(S) target is not a dict');
    if (items.length % 2 !== 0) throw fail('odd number of SETITEMS values');
    for (let i = 0; i < items.length; i += 2)
      dict.entries.set(dictKey(items[i] as PickleValue), items[i + 1] as PickleValue);
  };
  const append = (items: PickleValue[]): void => {
    const list = top();
    if (!Array.isArray(list)) throw fail('APPEND(S) target is not a list');
    list.push(...items);
  };
  const memoGet = (index: number): PickleValue => {
    if (!memo.has(index)) throw fail(`memo entry ${index} is not defined`);
    return memo.get(index) as PickleValue;
  };

  while (true) {
    opStart = pos;
    const op = u8();
    switch (op) {
      case OP.PROTO:
        if (u8() > 5) throw fail('pickle protocol newer than 5');
        break;
      case OP.FRAME:
        u64();
        break;
      case OP.STOP:
        return pop();
      case OP.MARK:
        marks.push(stack);
        stack = [];
        break;
      case OP.POP:
        pop();
        break;
      case OP.POP_MARK:
        popMark();
        break;
      case OP.DUP:
        stack.push(top());
        break;
      case OP.EMPTY_TUPLE:
        stack.push(new PickleTuple([]));
        break;
      case OP.TUPLE: {
        const items = popMark();
        stack.push(new PickleTuple(items));
        break;
      }
      case OP.TUPLE1:
      case OP.TUPLE2:
      case OP.TUPLE3: {
        const n = op - OP.TUPLE1 + 1;
        if (stack.length < n) throw fail('stack underflow');
        stack.push(new PickleTuple(stack.splice(stack.length - n, n)));
        break;
      }
      case OP.EMPTY_LIST:
        stack.push([]);
        break;
      case OP.LIST: {
        const items = popMark();
        stack.push(items);
        break;
      }
      case OP.APPEND:
        append([pop()]);
        break;
      case OP.APPENDS:
        append(popMark());
        break;
      case OP.EMPTY_DICT:
        stack.push(new PickleDict());
        break;
      case OP.DICT: {
        const items = popMark();
        stack.push(new PickleDict());
        setItems(items);
        break;
      }
      case OP.SETITEM: {
        const value = pop();
        setItems([pop(), value]);
        break;
      }
      case OP.SETITEMS:
        setItems(popMark());
        break;
      case OP.NONE:
        stack.push(null);
        break;
      case OP.NEWTRUE:
        stack.push(true);
        break;
      case OP.NEWFALSE:
        stack.push(false);
        break;
      case OP.BININT:
        stack.push(view.getInt32(need(4), true));
        break;
      case OP.BININT1:
        stack.push(u8());
        break;
      case OP.BININT2:
        stack.push(view.getUint16(need(2), true));
        break;
      case OP.LONG1:
        stack.push(decodeLong(bytes(u8())));
        break;
      case OP.BINFLOAT:
        stack.push(view.getFloat64(need(8), false));
        break;
      case OP.BINUNICODE:
      case OP.BINSTRING:
        stack.push(text(u32()));
        break;
      case OP.SHORT_BINUNICODE:
      case OP.SHORT_BINSTRING:
        stack.push(text(u8()));
        break;
      case OP.BINUNICODE8:
        stack.push(text(u64()));
        break;
      case OP.BINBYTES:
        stack.push(bytes(u32()));
        break;
      case OP.SHORT_BINBYTES:
        stack.push(bytes(u8()));
        break;
      case OP.BINPUT:
        memo.set(u8(), top());
        break;
      case OP.LONG_BINPUT:
        memo.set(u32(), top());
        break;
      case OP.MEMOIZE:
        memo.set(memo.size, top());
        break;
      case OP.BINGET:
        stack.push(memoGet(u8()));
        break;
      case OP.LONG_BINGET:
        stack.push(memoGet(u32()));
        break;
      case OP.GLOBAL: {
        const module = line();
        stack.push(global(module, line()));
        break;
      }
      case OP.STACK_GLOBAL: {
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string')
          throw fail('STACK_GLOBAL needs two strings');
        stack.push(global(module, name));
        break;
      }
      case OP.REDUCE: {
        const args = pop();
        const callable = pop();
        if (!(callable instanceof PickleGlobal) || callable.call === undefined) {
          const what =
            callable instanceof PickleGlobal ? `"${callable.qualifiedName}"` : 'a non-callable value';
          throw fail(`refusing REDUCE of ${what}: not an allowed tensor-checkpoint callable`, 'UNSUPPORTED');
        }
        if (!(args instanceof PickleTuple)) throw fail('REDUCE arguments are not a tuple');
        stack.push(callable.call(args.items, opStart));
        break;
      }
      case OP.BUILD: {
        const state = pop();
        const target = top();
        if (target instanceof PickleDict) target.state = state;
        else if (target instanceof PickleObject) target.build(state, opStart);
        else throw fail('refusing BUILD on a value that is not a dict or tensor', 'UNSUPPORTED');
        break;
      }
      case OP.BINPERSID:
        stack.push(hooks.persistentLoad(pop(), opStart));
        break;
      default:
        throw fail(`refusing pickle opcode ${opcodeName(op)}: not used by tensor checkpoints`, 'UNSUPPORTED');
    }
  }
}

/** Decodes a little-endian two's-complement integer (LONG1); a number when safe, else a bigint. */
function decodeLong(le: Uint8Array): number | bigint {
  if (le.length === 0) return 0;
  let value = 0n;
  for (let i = le.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(le[i] ?? 0);
  if ((le[le.length - 1] ?? 0) & 0x80) value -= 1n << BigInt(le.length * 8);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}
