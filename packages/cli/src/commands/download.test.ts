import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../capture-io.test-helper.js';
import { downloadCommand } from './download.js';
import { hubRoutes, type LocalServer, startLocalServer, storedZip } from './download.test-helper.js';

const zip = storedZip({
  'tiny/corpus.jsonl': '{"_id": "d1", "text": "alpha"}\n',
  'tiny/queries.jsonl': '{"_id": "q1", "text": "alpha?"}\n',
  'tiny/qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\n',
});
const commit = 'c0ffee0000000000000000000000000000000001';
const modelFiles = {
  'config.json': Buffer.from('{"model_type":"bert"}'),
  'onnx/model.onnx': Buffer.alloc(3000, 7),
};

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({
    '/beir/tiny.zip': { body: zip },
    '/beir/slow.zip': { body: Buffer.alloc(100_000, 1), stallAfter: 1000 },
    ...hubRoutes('org/tiny', commit, modelFiles),
  });
});
afterAll(async () => server.close());

describe('retrievekit download beir', () => {
  it('downloads and unpacks into the cache, prints the folder; --json gives the result', async () => {
    const cache = tempDir('dl');
    const args = ['beir', 'tiny', '--cache', cache.dir, '--base-url', `${server.origin}/beir`];
    const r = await runCli(downloadCommand, args);
    expect(r).toMatchObject({ code: 0, stdout: `${join(cache.dir, 'tiny')}\n`, stderr: '' });
    expect(readFileSync(join(cache.dir, 'tiny', 'qrels', 'test.tsv'), 'utf8')).toMatch(/q1\td1\t1/);
    const again = JSON.parse((await runCli(downloadCommand, [...args, '--json'])).stdout);
    expect(again).toEqual({
      dir: join(cache.dir, 'tiny'),
      cached: true,
      url: `${server.origin}/beir/tiny.zip`,
    });
    cache.remove();
  });
  it('on a terminal shows a progress bar on stderr (uncoloured without colour) and erases it', async () => {
    const cache = tempDir('dl');
    const args = ['beir', 'tiny', '--cache', cache.dir, '--base-url', `${server.origin}/beir`];
    const r = await runCli(downloadCommand, args, { stderrIsTTY: true, color: false });
    expect(r.code).toBe(0);
    expect(r.stderr.startsWith('\r\u001b[2Kdownload tiny [')).toBe(true);
    expect(r.stderr).toMatch(/\] \d+ B of \d+ B, \d+%/);
    expect(r.stderr.includes('\u001b[32m')).toBe(false);
    expect(r.stderr.endsWith('\r\u001b[2K')).toBe(true);
    cache.remove();
  });
  it('a missing dataset exits 1 naming the URL', async () => {
    const cache = tempDir('dl');
    const r = await runCli(downloadCommand, [
      'beir',
      'nope',
      '--cache',
      cache.dir,
      '--base-url',
      `${server.origin}/beir`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: retrievekit download: .*\/beir\/nope\.zip.*\n {2}hint: /);
    cache.remove();
  });
  it('an aborted signal stops the transfer: exit 130 "cancelled", only a resumable .part is left', async () => {
    const cache = tempDir('dl');
    const controller = new AbortController();
    const pending = runCli(
      downloadCommand,
      ['beir', 'slow', '--cache', cache.dir, '--base-url', `${server.origin}/beir`],
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 300);
    const r = await pending;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/cancelled/);
    expect(readdirSync(cache.dir).filter((f) => !f.endsWith('.part'))).toEqual([]);
    expect(existsSync(join(cache.dir, 'slow'))).toBe(false);
    cache.remove();
  });
});

describe('retrievekit download model', () => {
  it('downloads a hub repository into the cache snapshot', async () => {
    const cache = tempDir('hub');
    const r = await runCli(downloadCommand, [
      'model',
      'org/tiny',
      '--cache',
      cache.dir,
      '--json',
      '--endpoint',
      server.origin,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.commit).toBe(commit);
    expect(result.weights.path).toBe('onnx/model.onnx');
    expect(readFileSync(join(result.dir, 'onnx/model.onnx'))).toEqual(modelFiles['onnx/model.onnx']);
    const offline = await runCli(downloadCommand, [
      'model',
      'org/tiny',
      '--cache',
      cache.dir,
      '--offline',
      '--endpoint',
      server.origin,
    ]);
    expect(offline).toMatchObject({ code: 0, stdout: `${result.dir}\n` });
    cache.remove();
  });
});

describe('retrievekit download usage', () => {
  it('bad flags and kinds exit 2 with a message', async () => {
    expect((await runCli(downloadCommand, ['dataset', 'x'])).stderr).toBe(
      'error: retrievekit download: field "KIND": expected "beir" or "model", got "dataset"\n  hint: run "retrievekit download --help"\n',
    );
    const unknown = await runCli(downloadCommand, ['beir', 'x', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'/);
    expect((await runCli(downloadCommand, ['beir', 'x', '--offline'])).code).toBe(2);
    expect((await runCli(downloadCommand, ['model'])).stderr).toMatch(/missing the repository id/);
  });
  it('--help shows both forms and examples', async () => {
    const r = await runCli(downloadCommand, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/retrievekit download model REPO_ID/);
    expect(r.stdout).toMatch(/Examples:\n {2}retrievekit download beir scifact/);
  });
});
