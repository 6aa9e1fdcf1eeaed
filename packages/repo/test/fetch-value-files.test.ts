import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { mergeValueSources } from '@helmts/chart';

import { fetchValueFiles } from '../src/index.js';
import { startStaticServer, type StaticServer } from './servers.js';

// Helm's readFile for -f and --set-file (what the CLI's template, install, upgrade and helm v4's
// lint read values with), against a real HTTP server; the CLI-level comparison with the real Helm
// 2.17 and helm v4 binaries is in plugin-create's values-files oracle test and the parity suite.
describe('fetchValueFiles: -f and --set-file paths read as Helm reads them', () => {
  let dir: string;
  let server: StaticServer;
  let stdinReads: number;
  const readStdin = async () => {
    stdinReads++;
    return 'from: stdin\n';
  };
  const readLocal = (path: string) => {
    if (path === 'local.yaml') return 'from: disk\n';
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'helmts-value-files-'));
    writeFileSync(join(dir, 'remote.yaml'), 'from: url\nlist: [1, 2]\n');
    writeFileSync(join(dir, 'note.txt'), 'a note');
    server = await startStaticServer(dir);
  });
  beforeEach(() => {
    stdinReads = 0;
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads `-` from standard input once (a second `-` is empty), URLs over HTTP, the rest from disk', async () => {
    const sources = { valueFiles: ['local.yaml', `${server.url}/remote.yaml`, ' - ', '-'] };
    const readFile = await fetchValueFiles(sources, { readStdin, readLocal });
    assert.equal(stdinReads, 1);
    assert.equal(readFile('local.yaml'), 'from: disk\n');
    assert.equal(readFile(`${server.url}/remote.yaml`), 'from: url\nlist: [1, 2]\n');
    assert.equal(readFile(' - '), 'from: stdin\n');
    assert.equal(readFile('-'), '');
    const remote = { valueFiles: [`${server.url}/remote.yaml`] };
    const values = mergeValueSources(remote, { readFile: await fetchValueFiles(remote, { readLocal }) });
    assert.deepEqual(values, { from: 'url', list: [1, 2] });
  });

  it("--set-file: helm v4 reads `-` and URLs; Helm 2 reads a URL, and `-` as a file's name", async () => {
    const sources = { setFile: [`note=${server.url}/note.txt,piped=-`] };
    const helm4 = mergeValueSources(sources, { readFile: await fetchValueFiles(sources, { readStdin, readLocal }) });
    assert.deepEqual(helm4, { note: 'a note', piped: 'from: stdin\n' });
    const helm2Reader = await fetchValueFiles(sources, { readStdin, readLocal, helm2: true });
    assert.throws(() => mergeValueSources(sources, { helm2: true, readFile: helm2Reader }), {
      message: 'failed parsing --set-file data: open -: no such file or directory',
    });
    assert.equal(stdinReads, 1, 'Helm 2 left standard input alone');
  });

  it("an HTTP error in each Helm's words, when its turn comes (an earlier file's own error first)", async () => {
    const missing = `${server.url}/missing.yaml`;
    const readFile2 = await fetchValueFiles({ valueFiles: [missing] }, { readLocal, helm2: true });
    assert.throws(() => readFile2(missing), { message: `Failed to fetch ${missing} : 404 Not Found` });
    const readFile4 = await fetchValueFiles({ valueFiles: [missing] }, { readLocal });
    assert.throws(() => readFile4(missing), { message: `failed to fetch ${missing} : 404 Not Found` });
    const refused = 'http://127.0.0.1:9/values.yaml';
    const sources = { valueFiles: ['local.yaml', refused], setFile: ['bad'] };
    const readFile = await fetchValueFiles(sources, { readLocal });
    assert.equal(readFile('local.yaml'), 'from: disk\n');
    assert.throws(() => readFile(refused), {
      message: `Get "${refused}": dial tcp 127.0.0.1:9: connect: connection refused`,
    });
  });
});
