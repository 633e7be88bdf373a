import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RetrievekitError } from '@retrievekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, makeTempDir } from '../test-paths.js';
import { readLines } from './read-lines.js';

let temp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir('lines');
});
afterAll(async () => temp.remove());

async function* bytesOneByOne(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (const byte of bytes) yield Uint8Array.of(byte);
}

describe('readLines', () => {
  it('splits LF and CRLF lines, strips a BOM, keeps a last line without terminator', async () => {
    const path = join(temp.dir, 'mixed.txt');
    await writeFile(path, '\uFEFFa\r\nb\n\nc\r\nd');
    const lines = await collect(readLines(path));
    expect(lines.map((l) => l.text)).toEqual(['a', 'b', '', 'c', 'd']);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(lines[0]?.file).toBe(path);
  });

  it('detects gzip by magic bytes whatever the extension, and plain text named .gz', async () => {
    const gz = join(temp.dir, 'really-gzip.txt');
    const plain = join(temp.dir, 'really-plain.gz');
    await writeFile(gz, gzipSync('x\ty\r\nz\tw\n'));
    await writeFile(plain, 'x\ty\n');
    expect((await collect(readLines(gz))).map((l) => l.text)).toEqual(['x\ty', 'z\tw']);
    expect((await collect(readLines(plain))).map((l) => l.text)).toEqual(['x\ty']);
  });

  it('decodes UTF-8 split across chunks of a named stream, gzip included', async () => {
    const text = 'héllo wörld ✓\n日本語\n';
    const plain = await collect(readLines({ name: 'mem', stream: bytesOneByOne(Buffer.from(text)) }));
    expect(plain.map((l) => l.text)).toEqual(['héllo wörld ✓', '日本語']);
    const gz = await collect(readLines({ name: 'mem.gz', stream: bytesOneByOne(gzipSync(text)) }));
    expect(gz.map((l) => `${l.file}:${l.line}:${l.text}`)).toEqual([
      'mem.gz:1:héllo wörld ✓',
      'mem.gz:2:日本語',
    ]);
  });

  it('reads an empty file as no lines', async () => {
    const path = join(temp.dir, 'empty.txt');
    await writeFile(path, '');
    expect(await collect(readLines(path))).toEqual([]);
  });

  it('says which file is missing', async () => {
    const path = join(temp.dir, 'nope.txt');
    await expect(collect(readLines(path))).rejects.toThrow(`${path}: file does not exist`);
    await expect(collect(readLines(path))).rejects.toSatisfy((e) => RetrievekitError.hasCode(e, 'NOT_FOUND'));
  });

  it('reports truncated gzip as CORRUPT_DATA', async () => {
    const path = join(temp.dir, 'cut.gz');
    const full = gzipSync('line one\nline two\n'.repeat(100));
    await writeFile(path, full.subarray(0, full.length - 10));
    await expect(collect(readLines(path))).rejects.toThrow(
      `${path}: gzip data is corrupt or truncated (download the file again; \`gzip -t FILE\` checks it)`,
    );
  });

  it('stops with ABORTED when the signal is aborted', async () => {
    const path = join(temp.dir, 'many.txt');
    await writeFile(path, 'x\n'.repeat(1_000_000));
    const controller = new AbortController();
    let seen = 0;
    const read = async () => {
      for await (const _ of readLines(path, { signal: controller.signal })) {
        seen += 1;
        if (seen === 10) controller.abort();
      }
    };
    await expect(read()).rejects.toSatisfy((e) => RetrievekitError.hasCode(e, 'ABORTED'));
    expect(seen).toBeLessThan(1_000_000);
  });
});
