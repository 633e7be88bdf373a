import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rk-atomic-'));
}

describe('writeFileAtomic', () => {
  it('writes text, bytes and chunk streams, replacing the old file', async () => {
    const dir = await folder();
    const path = join(dir, 'out.txt');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    await writeFileAtomic(path, new Uint8Array([104, 105]));
    expect(await readFile(path, 'utf8')).toBe('hi');
    async function* chunks() {
      yield 'a';
      yield new Uint8Array([98]);
      yield 'c';
    }
    await writeFileAtomic(path, chunks());
    expect(await readFile(path, 'utf8')).toBe('abc');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('keeps the old file and leaves no temporary file when the content fails midway', async () => {
    const dir = await folder();
    const path = join(dir, 'out.txt');
    await writeFile(path, 'old');
    function* failing() {
      yield 'partial';
      throw new Error('source broke');
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow('source broke');
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('stops when cancelled, without touching the target', async () => {
    const dir = await folder();
    const path = join(dir, 'out.txt');
    const controller = new AbortController();
    function* chunks() {
      yield 'one';
      controller.abort();
      yield 'two';
    }
    await expect(writeFileAtomic(path, chunks(), { signal: controller.signal })).rejects.toThrow(/cancelled/);
    expect(await readdir(dir)).toEqual([]);
  });
});
