import { crc32 } from 'node:zlib';
import { RetrievekitError } from '@retrievekit/core';

/** A typed array kind a container section can hold. */
export type SectionType = 'u8' | 'u16' | 'u32' | 'f32' | 'f64' | 'json';

/** A named section: a typed array, or any JSON value (stored as UTF-8 text). */
export type SectionValue =
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | { json: unknown };

interface SectionEntry {
  name: string;
  type: SectionType;
  offset: number;
  byteLength: number;
}

const MAGIC = 'RKSPARSE';
const ALIGN = 8;
const CONSTRUCTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;

function typeOf(value: SectionValue): SectionType {
  if (value instanceof Uint8Array) return 'u8';
  if (value instanceof Uint16Array) return 'u16';
  if (value instanceof Uint32Array) return 'u32';
  if (value instanceof Float32Array) return 'f32';
  if (value instanceof Float64Array) return 'f64';
  return 'json';
}

const pad = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/**
 * Serialises named sections into one buffer: `RKSPARSE`, format version (u32), header length (u32),
 * JSON header (section table + `meta`), 8-byte aligned section bytes (little-endian), and a CRC-32 of
 * everything before it (u32).
 */
export function encodeContainer(
  version: number,
  meta: unknown,
  sections: Record<string, SectionValue>,
): Uint8Array {
  const payloads: { entry: SectionEntry; bytes: Uint8Array }[] = [];
  let offset = 0;
  for (const [name, value] of Object.entries(sections)) {
    const type = typeOf(value);
    const bytes =
      type === 'json'
        ? new TextEncoder().encode(JSON.stringify((value as { json: unknown }).json))
        : new Uint8Array(
            (value as Uint8Array).buffer,
            (value as Uint8Array).byteOffset,
            (value as Uint8Array).byteLength,
          );
    payloads.push({ entry: { name, type, offset, byteLength: bytes.byteLength }, bytes });
    offset = pad(offset + bytes.byteLength);
  }
  const header = new TextEncoder().encode(JSON.stringify({ meta, sections: payloads.map((p) => p.entry) }));
  const dataStart = pad(16 + header.byteLength);
  const out = new Uint8Array(dataStart + offset + 4);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(8, version, true);
  view.setUint32(12, header.byteLength, true);
  out.set(header, 16);
  for (const { entry, bytes } of payloads) out.set(bytes, dataStart + entry.offset);
  view.setUint32(out.byteLength - 4, crc32(out.subarray(0, out.byteLength - 4)), true);
  return out;
}

/** The decoded container: its `meta` and a typed getter per section. */
export interface DecodedContainer {
  version: number;
  meta: unknown;
  /** The section as a typed array of the expected type, or its JSON value. Throws `CORRUPT_DATA` if absent or mistyped. */
  section(name: string, type: SectionType | readonly SectionType[]): unknown;
}

/** Parses and verifies a buffer written by {@link encodeContainer}; every defect is `CORRUPT_DATA` naming `file`. */
export function decodeContainer(bytes: Uint8Array, file: string, supportedVersion: number): DecodedContainer {
  const corrupt = (detail: string): RetrievekitError =>
    new RetrievekitError('CORRUPT_DATA', detail, {
      where: { file },
      hint: 'rebuild the index or restore it from a backup',
    });
  if (bytes.byteLength < 20 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw corrupt('not a retrievekit sparse index file (bad magic or too short)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = view.getUint32(bytes.byteLength - 4, true);
  const actual = crc32(bytes.subarray(0, bytes.byteLength - 4));
  if (stored !== actual)
    throw corrupt(
      `checksum mismatch (stored ${stored}, computed ${actual}): the file is truncated or damaged`,
    );
  const version = view.getUint32(8, true);
  if (version !== supportedVersion) {
    throw new RetrievekitError(
      'UNSUPPORTED',
      `index format version ${version}; this library reads version ${supportedVersion}`,
      {
        where: { file },
        hint: 'rebuild the index with this version of @retrievekit/sparse',
      },
    );
  }
  const headerLength = view.getUint32(12, true);
  let header: { meta: unknown; sections: SectionEntry[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLength)));
  } catch (cause) {
    throw corrupt(`header is not valid JSON (${String(cause)})`);
  }
  const dataStart = pad(16 + headerLength);
  const entries = new Map(header.sections.map((s) => [s.name, s]));
  return {
    version,
    meta: header.meta,
    section(name: string, type: SectionType | readonly SectionType[]): unknown {
      const allowed: readonly SectionType[] = typeof type === 'string' ? [type] : type;
      const entry = entries.get(name);
      if (entry === undefined || !allowed.includes(entry.type)) {
        throw corrupt(`section "${name}" (${allowed.join(' or ')}) is missing`);
      }
      const start = dataStart + entry.offset;
      if (start + entry.byteLength > bytes.byteLength - 4)
        throw corrupt(`section "${name}" runs past the end of the file`);
      const raw = bytes.subarray(start, start + entry.byteLength);
      if (entry.type === 'json') return JSON.parse(new TextDecoder().decode(raw));
      const Ctor = CONSTRUCTORS[entry.type];
      const copy = new Uint8Array(raw); // aligned copy
      return new Ctor(copy.buffer, 0, raw.byteLength / Ctor.BYTES_PER_ELEMENT);
    },
  };
}
