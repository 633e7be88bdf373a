import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parsePytorchCheckpoint } from './pytorch-bin.js';
import { parseSafetensors } from './safetensors.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const hostile = (name: string) => readFileSync(join(fixtures, 'hostile', name));

/** A torch-style zip around hand-assembled pickle bytes. */
function checkpointWithPickle(pickle: string): Uint8Array {
  return zipSync({ 'archive/data.pkl': new Uint8Array(Buffer.from(pickle, 'latin1')) }, { level: 0 });
}

function unicode(text: string): string {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(text.length);
  return `X${length.toString('latin1')}${text}`;
}

describe('restricted unpickler', () => {
  it('refuses os.system, names the global and offset, and runs nothing', () => {
    expect(() => parsePytorchCheckpoint(hostile('os-system.bin'), 'os-system.bin')).toThrow(
      'os-system.bin:archive/data.pkl: refusing to load global "os.system": not an allowed tensor-checkpoint global at byte offset 2',
    );
    expect(existsSync('/tmp/retrievekit-pwned')).toBe(false);
  });

  it('refuses builtins.eval and subprocess via STACK_GLOBAL', () => {
    const evalPickle = `\x80\x02${unicode('builtins')}${unicode('eval')}\x93${unicode('1+1')}\x85R.`;
    expect(() => parsePytorchCheckpoint(checkpointWithPickle(evalPickle))).toThrow(
      /refusing to load global "builtins\.eval".*at byte offset 24/,
    );
    const subprocess = '\x80\x02csubprocess\nPopen\n)R.';
    expect(() => parsePytorchCheckpoint(checkpointWithPickle(subprocess))).toThrow(/"subprocess\.Popen"/);
  });

  it('refuses REDUCE of an allowed but non-callable global', () => {
    const pickle = '\x80\x02ctorch\nFloatStorage\n)R.';
    expect(() => parsePytorchCheckpoint(checkpointWithPickle(pickle))).toThrow(
      /refusing REDUCE of "torch\.FloatStorage": not an allowed tensor-checkpoint callable at byte offset 23/,
    );
  });

  it('refuses opcodes a checkpoint never uses', () => {
    const inst = '\x80\x02(ios\nsystem\n.';
    expect(() => parsePytorchCheckpoint(checkpointWithPickle(inst))).toThrow(
      /refusing pickle opcode 0x69 'i'.*at byte offset 3/,
    );
  });

  it('refuses a pickle that is not a state dict', () => {
    expect(() => parsePytorchCheckpoint(checkpointWithPickle('\x80\x02K\x07.'))).toThrow(/not a state dict/);
  });
});

describe('damaged and legacy checkpoints', () => {
  it('reports a truncated zip', () => {
    expect(() => parsePytorchCheckpoint(hostile('truncated.bin'), 'truncated.bin')).toThrow(
      /truncated\.bin: zip archive is damaged or truncated/,
    );
  });

  it('refuses the legacy torch < 1.6 format with the re-save advice', () => {
    expect(() => parsePytorchCheckpoint(hostile('legacy.bin'), 'legacy.bin')).toThrow(
      /legacy\.bin: checkpoint is in the legacy pickle format of torch < 1\.6 \(unsupported: re-save with torch>=1\.6/,
    );
  });

  it('refuses the tar format of torch < 0.4 and files that are not checkpoints', () => {
    const tar = new Uint8Array(1024);
    tar.set(new TextEncoder().encode('ustar'), 257);
    expect(() => parsePytorchCheckpoint(tar, 'old.bin')).toThrow(
      /old\.bin: checkpoint is in the legacy tar format of torch < 0\.4/,
    );
    expect(() => parsePytorchCheckpoint(new TextEncoder().encode('<html>'), 'page.bin')).toThrow(
      /page\.bin: not a PyTorch checkpoint \(no zip signature\)/,
    );
  });

  it('reports safetensors offsets outside the data', () => {
    expect(() => parseSafetensors(hostile('bad-offsets.safetensors'), 'bad.safetensors')).toThrow(
      'bad.safetensors, field "w": data_offsets [0, 64] fall outside the 32-byte data section',
    );
  });

  it('reports an oversized or overlong safetensors header', () => {
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 200_000_000n, true);
    expect(() => parseSafetensors(huge, 'x')).toThrow(
      /header length 200000000 exceeds the 100000000-byte limit/,
    );
    new DataView(huge.buffer).setBigUint64(0, 100n, true);
    expect(() => parseSafetensors(huge, 'x')).toThrow(
      /header length 100 runs past the end of the 16-byte file/,
    );
  });

  it('reports overlapping tensors and a size that disagrees with the shape', () => {
    const make = (header: unknown, dataBytes: number) => {
      const json = Buffer.from(JSON.stringify(header));
      const out = Buffer.alloc(8 + json.length + dataBytes);
      out.writeBigUInt64LE(BigInt(json.length));
      json.copy(out, 8);
      return out;
    };
    const overlap = {
      a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
    };
    expect(() => parseSafetensors(make(overlap, 12))).toThrow(/field "b": tensor bytes overlap those of "a"/);
    const size = { a: { dtype: 'F16', shape: [3], data_offsets: [0, 8] } };
    expect(() => parseSafetensors(make(size, 8))).toThrow(/span 8 bytes but shape \[3\] of F16 needs 6/);
    const dtype = { a: { dtype: 'F64', shape: [1], data_offsets: [0, 8] } };
    expect(() => parseSafetensors(make(dtype, 8))).toThrow(/dtype "F64" is not supported/);
  });
});
