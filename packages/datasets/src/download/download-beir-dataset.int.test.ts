import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Progress } from '@retrievekit/core';
import { RetrievekitError } from '@retrievekit/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openBeirDataset } from '../beir/open-beir-dataset.js';
import { collect, makeTempDir } from '../test-paths.js';
import { downloadBeirDataset } from './download-beir-dataset.js';
import type { TestServer } from './test-server.js';
import { startTestServer } from './test-server.js';
import { buildTestZip } from './test-zip.js';

// 64 KiB of random bytes make the zip large enough to cut mid-body.
const zip = buildTestZip([
  { name: 'tiny/' },
  {
    name: 'tiny/corpus.jsonl',
    data: '{"_id": "d1", "title": "A", "text": "alpha"}\n{"_id": "d2", "text": "beta"}\n',
  },
  { name: 'tiny/queries.jsonl', data: '{"_id": "q1", "text": "what is alpha"}\n' },
  { name: 'tiny/qrels/test.tsv', data: 'query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\n' },
  { name: 'tiny/padding.bin', data: randomBytes(64 * 1024) },
]);
const zipMd5 = createHash('md5').update(zip).digest('hex');

let server: TestServer;
let cache: { dir: string; remove: () => Promise<void> };
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());
beforeEach(async () => {
  cache = await makeTempDir('cache');
  server.routes.clear();
  server.requests.length = 0;
  server.routes.set('/beir/tiny.zip', { body: zip });
});
afterEach(async () => cache.remove());

const failure = (promise: Promise<unknown>): Promise<RetrievekitError> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      if (!RetrievekitError.isInstance(error)) throw error;
      return error;
    },
  );

describe('downloadBeirDataset against a real local HTTP server', () => {
  it('downloads, verifies, unpacks atomically and reports byte progress; a cached dataset is not fetched again', async () => {
    const progress: Progress[] = [];
    const first = await downloadBeirDataset('tiny', {
      cacheDir: cache.dir,
      baseUrl: server.baseUrl,
      md5: zipMd5,
      onProgress: (p) => progress.push(p),
    });
    expect(first).toEqual({ dir: join(cache.dir, 'tiny'), cached: false, url: `${server.baseUrl}/tiny.zip` });
    const bytes = progress.filter((p) => p.unit === 'bytes');
    expect(bytes.at(-1)).toEqual({ done: zip.length, total: zip.length, unit: 'bytes' });
    expect(progress.filter((p) => p.unit === 'entries').at(-1)).toEqual({
      done: 5,
      total: 5,
      unit: 'entries',
    });
    expect(await readdir(cache.dir)).toEqual(['tiny']);
    const dataset = await openBeirDataset(first.dir);
    expect((await collect(dataset.passages())).map((p) => p.id)).toEqual(['d1', 'd2']);
    expect((await dataset.qrels('test')).get('q1')?.get('d1')).toBe(1);
    expect((await stat(join(first.dir, 'padding.bin'))).size).toBe(64 * 1024);

    const again = await downloadBeirDataset('tiny', { cacheDir: cache.dir, baseUrl: server.baseUrl });
    expect(again.cached).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('resumes an interrupted transfer with a Range request', async () => {
    server.routes.set('/beir/tiny.zip', { body: zip, cutAfter: 20_000 });
    const options = { cacheDir: cache.dir, baseUrl: server.baseUrl, md5: zipMd5 };
    const broken = await failure(downloadBeirDataset('tiny', options));
    expect(broken.code).toBe('NETWORK');
    expect(broken.message).toMatch(
      new RegExp(`^transfer of ${server.baseUrl}/tiny.zip broke off after 20000 of ${zip.length} bytes`),
    );
    expect((await stat(join(cache.dir, 'tiny.zip.part'))).size).toBe(20_000);

    const resumed = await downloadBeirDataset('tiny', options);
    expect(resumed.cached).toBe(false);
    expect(server.requests.map((r) => r.headers.range)).toEqual([undefined, 'bytes=20000-']);
    expect(await readdir(cache.dir)).toEqual(['tiny']);
    expect((await collect((await openBeirDataset(resumed.dir)).queries()))[0]?.text).toBe('what is alpha');
  });

  it('restarts from zero when the server ignores Range, and checks the length without an md5', async () => {
    server.routes.set('/beir/tiny.zip', { body: zip, cutAfter: 30_000, ignoreRange: true });
    const options = { cacheDir: cache.dir, baseUrl: server.baseUrl };
    expect((await failure(downloadBeirDataset('tiny', options))).code).toBe('NETWORK');
    const progress: Progress[] = [];
    await downloadBeirDataset('tiny', { ...options, onProgress: (p) => progress.push(p) });
    expect(server.requests.map((r) => r.headers.range)).toEqual([undefined, 'bytes=30000-']);
    expect(progress[0]).toEqual({ done: 0, total: zip.length, unit: 'bytes' });
    expect((await stat(join(cache.dir, 'tiny/padding.bin'))).size).toBe(64 * 1024);
  });

  it('leaves no half dataset when unpacking is cancelled, and unpacks the kept zip next time offline', async () => {
    const controller = new AbortController();
    const options = { cacheDir: cache.dir, baseUrl: server.baseUrl, md5: zipMd5 };
    const error = await failure(
      downloadBeirDataset('tiny', {
        ...options,
        signal: controller.signal,
        onProgress: ({ unit, done }) => {
          if (unit === 'entries' && done === 2) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('ABORTED');
    expect(await readdir(cache.dir)).toEqual(['tiny.zip']);
    await server.close();
    try {
      const second = await downloadBeirDataset('tiny', options);
      expect(second.cached).toBe(false);
      expect(await readdir(cache.dir)).toEqual(['tiny']);
      expect(server.requests).toHaveLength(1);
    } finally {
      server = await startTestServer();
    }
  });

  it('says a missing dataset does not exist (HTTP 404)', async () => {
    const error = await failure(
      downloadBeirDataset('nope', { cacheDir: cache.dir, baseUrl: server.baseUrl }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(
      `${server.baseUrl}/nope.zip does not exist (HTTP 404) (check the dataset name; the BEIR README lists the public ones)`,
    );
  });

  it('rejects a checksum mismatch and deletes the bad file', async () => {
    const error = await failure(
      downloadBeirDataset('tiny', { cacheDir: cache.dir, baseUrl: server.baseUrl, md5: '0'.repeat(32) }),
    );
    expect(error.code).toBe('CHECKSUM_MISMATCH');
    expect(error.message).toBe(
      `${server.baseUrl}/tiny.zip: md5 is ${zipMd5}, expected ${'0'.repeat(32)} (the corrupt file was deleted; run again, and if it persists the file on the server changed)`,
    );
    expect(await readdir(cache.dir)).toEqual([]);
  });

  it('reports OFFLINE with the URL and how to supply the folder by hand', async () => {
    const closed = await startTestServer();
    await closed.close();
    const error = await failure(
      downloadBeirDataset('scifact', { cacheDir: cache.dir, baseUrl: closed.baseUrl }),
    );
    expect(error.code).toBe('OFFLINE');
    expect(error.message).toBe(
      `cannot reach ${closed.baseUrl}/scifact.zip (ECONNREFUSED) (check the network; or download scifact.zip yourself, unzip it and pass the folder with --data DIR (openBeirDataset(DIR) in code), or put it in ${join(cache.dir, 'scifact')})`,
    );
  });

  it('refuses a zip with a ../ entry, writes nothing outside and removes the zip', async () => {
    server.routes.set('/beir/evil.zip', {
      body: buildTestZip([
        { name: 'evil/corpus.jsonl', data: '{}' },
        { name: '../escaped.txt', data: 'x' },
      ]),
    });
    const error = await failure(
      downloadBeirDataset('evil', { cacheDir: cache.dir, baseUrl: server.baseUrl }),
    );
    expect(error.code).toBe('CORRUPT_DATA');
    expect(error.message).toBe(
      `${join(cache.dir, 'evil.zip')}: refusing zip entry "../escaped.txt": path traversal ("..") (the archive tries to write outside its folder; it is not a genuine dataset zip, so it was deleted)`,
    );
    expect(await readdir(cache.dir)).toEqual([]);
  });

  it('cancels mid-transfer with ABORTED and keeps the partial file for a later resume', async () => {
    server.routes.set('/beir/tiny.zip', { body: zip, stallAfter: 10_000 });
    const controller = new AbortController();
    const error = await failure(
      downloadBeirDataset('tiny', {
        cacheDir: cache.dir,
        baseUrl: server.baseUrl,
        signal: controller.signal,
        onProgress: ({ done }) => {
          if (done >= 10_000) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('ABORTED');
    expect(error.message).toMatch(/^download of .*tiny\.zip was cancelled after 10000 bytes/);
    expect((await stat(join(cache.dir, 'tiny.zip.part'))).size).toBe(10_000);

    const before = server.requests.length;
    await expect(
      downloadBeirDataset('tiny', {
        cacheDir: cache.dir,
        baseUrl: server.baseUrl,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toSatisfy((e) => RetrievekitError.hasCode(e, 'ABORTED'));
    expect(server.requests.length).toBe(before);
  });
});
