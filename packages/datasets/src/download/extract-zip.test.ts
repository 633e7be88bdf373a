import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, sharedData } from '../test-paths.js';
import { extractZip, safeEntrySegments } from './extract-zip.js';
import { buildTestZip } from './test-zip.js';

let temp: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir('zip');
});
afterAll(async () => temp.remove());

const HINT =
  '(the archive tries to write outside its folder; it is not a genuine dataset zip, so it was deleted)';

describe('safeEntrySegments', () => {
  it('accepts ordinary names and refuses escaping ones with the reason', () => {
    expect(safeEntrySegments('scifact/qrels/test.tsv', 'a.zip')).toEqual(['scifact', 'qrels', 'test.tsv']);
    expect(safeEntrySegments('./x//y/', 'a.zip')).toEqual(['x', 'y']);
    expect(() => safeEntrySegments('a/../../b', 'a.zip')).toThrow(
      `a.zip: refusing zip entry "a/../../b": path traversal ("..") ${HINT}`,
    );
    expect(() => safeEntrySegments('/etc/passwd', 'a.zip')).toThrow(
      'refusing zip entry "/etc/passwd": absolute path',
    );
    expect(() => safeEntrySegments('C:/x', 'a.zip')).toThrow('refusing zip entry "C:/x": absolute path');
    expect(() => safeEntrySegments('..\\x', 'a.zip')).toThrow('the name contains a backslash');
  });
});

describe('extractZip', () => {
  it('extracts the real SciFact CSV zip (made by a real zip tool) with the sizes zipinfo lists', async () => {
    const target = join(temp.dir, 'scifact-csv');
    await mkdir(target);
    const count = await extractZip(join(sharedData, 'scifact/raw/scifact-allenai-csv.zip'), target);
    expect(count).toBe(4);
    const sizes: Record<string, number> = {};
    for (const name of (await readdir(target)).sort()) sizes[name] = (await stat(join(target, name))).size;
    // Uncompressed sizes as listed by `zipinfo` / Python's zipfile.
    expect(sizes).toEqual({
      'claims_test.csv': 30229,
      'claims_train.csv': 158995,
      'claims_validation.csv': 57065,
      'corpus_train.csv': 8032822,
    });
  });

  it('round-trips the bytes of a built zip, and reports a file that is not a zip', async () => {
    const payload = Buffer.from('héllo\n'.repeat(1000));
    const zipPath = join(temp.dir, 'built.zip');
    await writeFile(zipPath, buildTestZip([{ name: 'd/' }, { name: 'd/e/f.txt', data: payload }]));
    const target = join(temp.dir, 'built');
    await mkdir(target);
    expect(await extractZip(zipPath, target)).toBe(2);
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(digest(await readFile(join(target, 'd/e/f.txt')))).toBe(digest(payload));

    const notZip = join(temp.dir, 'not.zip');
    await writeFile(notZip, 'hello');
    await expect(extractZip(notZip, target)).rejects.toThrow(
      new RegExp(`^${notZip}: not a readable zip file: `),
    );
  });
});
