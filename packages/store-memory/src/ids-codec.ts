import { RetrievekitError } from '@retrievekit/core';

/**
 * Binary id list: `u32 count`, `count` x `u32` lengths in UTF-16 code units, then the UTF-8 bytes of
 * all ids concatenated (little-endian). Decoding is one `TextDecoder` call plus slicing.
 */
export function encodeIds(ids: readonly string[]): Uint8Array {
  const text = new TextEncoder().encode(ids.join(''));
  const out = new Uint8Array(4 + 4 * ids.length + text.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, ids.length, true);
  ids.forEach((id, index) => {
    view.setUint32(4 + 4 * index, id.length, true);
  });
  out.set(text, 4 + 4 * ids.length);
  return out;
}

/** Inverse of {@link encodeIds}; throws `CORRUPT_DATA` on inconsistent sizes. */
export function decodeIds(bytes: Uint8Array, expected: number, file: string): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (detail: string) =>
    new RetrievekitError('CORRUPT_DATA', detail, { where: { file }, hint: 'save the store again' });
  if (bytes.length < 4 || view.getUint32(0, true) !== expected || bytes.length < 4 + 4 * expected) {
    throw corrupt(`id list does not hold ${expected} ids`);
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4 + 4 * expected));
  const ids: string[] = new Array(expected);
  let position = 0;
  for (let index = 0; index < expected; index++) {
    const length = view.getUint32(4 + 4 * index, true);
    ids[index] = text.slice(position, position + length);
    position += length;
  }
  if (position !== text.length) throw corrupt(`id lengths cover ${position} of ${text.length} characters`);
  return ids;
}
