import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readZipEntries } from './zip-entries.js';

const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('readZipEntries', () => {
  it('returns stored entries as views and inflates deflated ones', () => {
    const archive = zipSync(
      {
        'a/stored': [text('stored bytes'), { level: 0 }],
        'a/deflated': [text('x'.repeat(5000)), { level: 9 }],
      },
      {},
    );
    const entries = readZipEntries(archive, 'z.bin');
    expect(decode(entries.get('a/stored'))).toBe('stored bytes');
    expect(entries.get('a/stored')?.buffer).toBe(archive.buffer);
    expect(decode(entries.get('a/deflated'))).toBe('x'.repeat(5000));
  });

  it('reports a missing end record, a cut central directory and data past the end', () => {
    const archive = zipSync({ 'a/data': [text('0123456789'), { level: 0 }] });
    expect(() => readZipEntries(archive.subarray(0, 20), 'z.bin')).toThrow(
      'z.bin: zip archive is damaged or truncated (no end of central directory record)',
    );
    const badCentral = archive.slice();
    const view = new DataView(badCentral.buffer);
    const eocd = badCentral.length - 22;
    view.setUint32(eocd + 16, view.getUint32(eocd + 16, true) + 1, true);
    expect(() => readZipEntries(badCentral, 'z.bin')).toThrow(/central directory entry 0 is missing/);
    const longData = archive.slice();
    const central = new DataView(longData.buffer).getUint32(eocd + 16, true);
    const lengths = new DataView(longData.buffer);
    lengths.setUint32(central + 20, 1e6, true);
    lengths.setUint32(central + 24, 1e6, true);
    expect(() => readZipEntries(longData, 'z.bin')).toThrow(/data of a\/data runs past the end/);
  });

  it('refuses other compression methods and implausible deflate sizes', () => {
    const archive = zipSync({ 'a/data': [text('y'.repeat(100)), { level: 6 }] });
    const view = new DataView(archive.buffer);
    const central = view.getUint32(archive.length - 22 + 16, true);
    const bzip = archive.slice();
    new DataView(bzip.buffer).setUint16(central + 10, 12, true);
    expect(() => readZipEntries(bzip, 'z.bin')).toThrow(
      'z.bin, field "a/data": zip entry a/data uses compression method 12',
    );
    const bomb = archive.slice();
    new DataView(bomb.buffer).setUint32(central + 24, 0xfffffff0, true);
    expect(() => readZipEntries(bomb, 'z.bin')).toThrow(/a\/data claims 4294967280 bytes from \d+/);
  });
});
