import { RetrievekitError } from '@retrievekit/core';
import { inflateSync } from 'fflate';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function damaged(file: string, detail: string): RetrievekitError {
  return new RetrievekitError('CORRUPT_DATA', `zip archive is damaged or truncated (${detail})`, {
    where: { file },
    hint: 'download the checkpoint again',
  });
}

function u64(view: DataView, at: number, file: string): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged(file, `zip64 field at byte ${at} is too large`);
  return Number(value);
}

/** Where the central directory lies and how many entries it holds (zip64 included). */
function centralDirectory(view: DataView, file: string): { at: number; count: number } {
  const length = view.byteLength;
  let eocd = -1;
  for (let at = length - 22; at >= Math.max(0, length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged(file, 'no end of central directory record');
  let count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || at === MAX32) && eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const record = u64(view, eocd - 12, file);
    if (record + 56 > length || view.getUint32(record, true) !== ZIP64_EOCD)
      throw damaged(file, 'bad zip64 end of central directory record');
    count = u64(view, record + 32, file);
    at = u64(view, record + 48, file);
  }
  return { at, count };
}

/** Reads the zip64 extended-information extra field for the 32-bit fields that overflowed. */
function zip64Sizes(
  view: DataView,
  extra: number,
  extraEnd: number,
  sizes: [number, number, number],
  file: string,
): [number, number, number] {
  for (let at = extra; at + 4 <= extraEnd; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const out: [number, number, number] = [...sizes];
      for (let i = 0; i < 3; i++) {
        if (sizes[i] !== MAX32) continue;
        if (field + 8 > at + 4 + size) throw damaged(file, 'short zip64 extra field');
        out[i] = u64(view, field, file);
        field += 8;
      }
      return out;
    }
    at += 4 + size;
  }
  return sizes;
}

/**
 * Lists the entries of a zip archive held in memory. STORED entries (what `torch.save` writes) are
 * returned as views into `bytes`, not copies; DEFLATE entries are inflated. Every offset and size is
 * checked against the archive; damage throws `CORRUPT_DATA` (“zip archive is damaged or truncated”).
 *
 * @param bytes - the whole archive
 * @param file - name used in error messages
 */
export function readZipEntries(bytes: Uint8Array, file: string): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { at: start, count } = centralDirectory(view, file);
  const entries = new Map<string, Uint8Array>();
  const names = new TextDecoder();
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL)
      throw damaged(file, `central directory entry ${i} is missing`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const next = at + 46 + nameLength + extraLength + view.getUint16(at + 32, true);
    if (next > bytes.length) throw damaged(file, `central directory entry ${i} runs past the end`);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const extra = at + 46 + nameLength;
    const [size, compressed, local] = zip64Sizes(
      view,
      extra,
      extra + extraLength,
      [view.getUint32(at + 24, true), view.getUint32(at + 20, true), view.getUint32(at + 42, true)],
      file,
    );
    if ((flags & 1) !== 0) {
      throw new RetrievekitError('UNSUPPORTED', `zip entry ${name} is encrypted`, {
        where: { file, field: name },
      });
    }
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL)
      throw damaged(file, `local header of ${name} is missing`);
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (data + compressed > bytes.length) throw damaged(file, `data of ${name} runs past the end`);
    const raw = bytes.subarray(data, data + compressed);
    if (method === 0) {
      if (compressed !== size) throw damaged(file, `stored entry ${name} has two different sizes`);
      entries.set(name, raw);
    } else if (method === 8) {
      // Deflate expands at most 1032:1; a larger claimed size is a lie, not a buffer to allocate.
      if (size > compressed * 1032 + 64)
        throw damaged(file, `${name} claims ${size} bytes from ${compressed}`);
      let inflated: Uint8Array;
      try {
        inflated = inflateSync(raw, { out: new Uint8Array(size) });
      } catch (cause) {
        throw damaged(file, `${name} does not inflate: ${String(cause)}`);
      }
      if (inflated.length !== size) throw damaged(file, `${name} inflates to the wrong size`);
      entries.set(name, inflated);
    } else {
      throw new RetrievekitError('UNSUPPORTED', `zip entry ${name} uses compression method ${method}`, {
        where: { file, field: name },
        hint: 'torch.save writes stored (uncompressed) entries; re-save the checkpoint with torch',
      });
    }
    at = next;
  }
  return entries;
}
