import type { WeightDtype, WeightMap } from '../graph/weights.js';

const CODES: Readonly<Record<WeightDtype, string>> = {
  float32: 'F32',
  float16: 'F16',
  bfloat16: 'BF16',
  int8: 'I8',
  uint8: 'U8',
  int32: 'I32',
  int64: 'I64',
};

/**
 * Encodes tensors as a safetensors file (the inverse of {@link parseSafetensors}): header padded with
 * spaces to a multiple of 8 bytes, tensors in name order, little-endian.
 *
 * @param weights - tensors by name
 * @param metadata - optional `__metadata__` string map
 */
export function encodeSafetensors(weights: WeightMap, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata === undefined ? {} : { __metadata__: metadata };
  const names = [...weights.keys()].sort();
  let offset = 0;
  for (const name of names) {
    const tensor = weights.get(name);
    if (tensor === undefined) continue;
    const length = tensor.data.byteLength;
    header[name] = {
      dtype: CODES[tensor.dtype],
      shape: tensor.shape,
      data_offsets: [offset, offset + length],
    };
    offset += length;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (new TextEncoder().encode(json).length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of names) {
    const data = weights.get(name)?.data;
    if (data === undefined) continue;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    at += data.byteLength;
  }
  return out;
}
