import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nock from 'nock';

import {
  addRepository,
  cacheFileOf,
  downloadToFile,
  IndexCache,
  indexCachePath,
  RepositoriesFile,
  removeRepository,
  resolveChart,
  updateRepositories,
  type RepositoryPaths,
} from '../src/index.js';
import { makeCertificates, makeRepository, startStaticServer, type StaticServer } from './servers.js';

describe('repositories over real HTTP servers', function () {
  const work = mkdtempSync(join(tmpdir(), 'helmts-repos-'));
  const repoDir = join(work, 'served');
  let plain: StaticServer;
  let home: RepositoryPaths;

  before(async () => {
    await makeRepository(repoDir, [
      ['web', '1.0.0'],
      ['web', '1.2.0'],
      ['web', '2.0.0-beta.1'],
      ['db', '0.3.0', { keywords: '[sql, storage]' }],
    ]);
    plain = await startStaticServer(repoDir);
  });
  after(async () => {
    await plain.close();
    rmSync(work, { recursive: true, force: true });
  });
  beforeEach(() => {
    const root = mkdtempSync(join(work, 'home-'));
    home = {
      repositoryFile: join(root, 'repository', 'repositories.yaml'),
      cache: join(root, 'repository', 'cache'),
      archive: join(root, 'cache', 'archive'),
    };
  });

  it('adds a repository: index and its cache in the cache dir, entry in repositories.yaml', async () => {
    await addRepository(home, { name: 'charts', url: plain.url });
    assert.ok(existsSync(indexCachePath(home, 'charts')));
    assert.ok(existsSync(cacheFileOf(indexCachePath(home, 'charts'))));
    const file = await RepositoriesFile.load(home.repositoryFile);
    assert.deepEqual(file.get('charts'), { name: 'charts', url: plain.url, cache: indexCachePath(home, 'charts') });
    const text = readFileSync(home.repositoryFile, 'utf8');
    assert.match(text, /^apiVersion: v1\ngenerated: .*\nrepositories:\n- caFile: ""\n {2}cache: /);
    assert.equal(plain.authorizations.get('/index.yaml'), undefined);
  });

  it('refuses an existing name with noUpdate, and removes repositories with their caches', async () => {
    await addRepository(home, { name: 'charts', url: plain.url });
    await assert.rejects(
      addRepository(home, { name: 'charts', url: plain.url }, { noUpdate: true }),
      /repository name \(charts\) already exists/,
    );
    await removeRepository(home, 'charts');
    assert.equal(existsSync(indexCachePath(home, 'charts')), false);
    assert.equal(existsSync(cacheFileOf(indexCachePath(home, 'charts'))), false);
    await assert.rejects(removeRepository(home, 'charts'), /no repo named "charts" found/);
  });

  it('reads a Helm 2 repositories.yaml as it is', async () => {
    mkdirSync(home.cache, { recursive: true });
    writeFileSync(
      home.repositoryFile,
      `apiVersion: v1\ngenerated: 2020-11-12T10:00:00.000000000Z\nrepositories:\n- caFile: ""\n  cache: ${indexCachePath(home, 'stable')}\n  certFile: ""\n  keyFile: ""\n  name: stable\n  password: ""\n  url: ${plain.url}\n  username: ""\n- cache: local-index.yaml\n  name: local\n  url: http://127.0.0.1:8879/charts\n`,
    );
    const file = await RepositoriesFile.load(home.repositoryFile);
    assert.deepEqual(
      file.repositories.map((r) => r.name),
      ['stable', 'local'],
    );
    const results = await updateRepositories(home, ['stable']);
    assert.equal(results[0].error, undefined);
    const cache = await IndexCache.load(indexCachePath(home, 'stable'));
    assert.deepEqual(cache.names(), ['db', 'web']);
  });

  it('says why an unreachable, missing or non-repository URL cannot be added', async () => {
    await assert.rejects(
      addRepository(home, { name: 'x', url: 'http://127.0.0.1:1/charts' }),
      // Helm's Go HTTP client's words
      /cannot be reached: Get "http:\/\/127\.0\.0\.1:1\/charts\/index\.yaml": dial tcp 127\.0\.0\.1:1: connect: connection refused$/,
    );
    await assert.rejects(addRepository(home, { name: 'x', url: `${plain.url}/nothere` }), /404 Not Found/);
    const html = await startStaticServer(repoDir, {
      route: (req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welcome</body></html>');
        return true;
      },
    });
    try {
      await assert.rejects(addRepository(home, { name: 'x', url: html.url }), /HTML page instead of index.yaml/);
    } finally {
      await html.close();
    }
    assert.equal(existsSync(home.repositoryFile), false);
  });

  it('uses basic auth, and says to use --username when refused', async () => {
    const secured = await startStaticServer(repoDir, { auth: { username: 'me', password: 's3cret' } });
    try {
      await assert.rejects(
        addRepository(home, { name: 'sec', url: secured.url }),
        (e: Error & { hint?: string }) => /401/.test(e.message) && /--username/.test(e.hint ?? ''),
      );
      await addRepository(home, { name: 'sec', url: secured.url, username: 'me', password: 's3cret' });
      const chart = await resolveChart('sec/web', { home });
      assert.equal(chart.version, '1.2.0');
      assert.ok(existsSync(chart.path));
    } finally {
      await secured.close();
    }
  });

  it('never forwards credentials on a redirect to another host', async () => {
    // 127.0.0.2 is loopback too, but a different host for the client.
    const target = await startStaticServer(repoDir, { host: '127.0.0.2' });
    const redirector = await startStaticServer(repoDir, {
      route: (req, res) => {
        res.writeHead(302, { Location: `${target.url}${req.url}` }).end();
        return true;
      },
    });
    try {
      await addRepository(home, { name: 'moved', url: redirector.url, username: 'me', password: 'pw' });
      assert.match(redirector.authorizations.get('/index.yaml') ?? '', /^Basic /);
      assert.equal(target.authorizations.get('/index.yaml'), undefined);
    } finally {
      await redirector.close();
      await target.close();
    }
  });

  it('talks TLS with a CA bundle and a client certificate', async function () {
    const certs = makeCertificates(join(work, 'certs'));
    if (!certs) this.skip();
    const tls = await startStaticServer(repoDir, {
      tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.ca, requestCert: true, rejectUnauthorized: true },
    });
    try {
      await assert.rejects(
        addRepository(home, { name: 'tls', url: tls.url }),
        /certificate not trusted|self.signed|unable to verify/i,
      );
      await assert.rejects(
        addRepository(home, { name: 'tls', url: tls.url, caFile: certs.files.ca }),
        /cannot be reached/,
      );
      await addRepository(home, {
        name: 'tls',
        url: tls.url,
        caFile: certs.files.ca,
        certFile: certs.files.clientCert,
        keyFile: certs.files.clientKey,
      });
      const chart = await resolveChart('tls/db', { home });
      assert.equal(chart.version, '0.3.0');
    } finally {
      await tls.close();
    }
  });

  it('resolves repo/chart, --repo URL, plain URLs and local paths, checking digests', async () => {
    await addRepository(home, { name: 'charts', url: plain.url });
    const dest = mkdtempSync(join(work, 'dest-'));
    const newest = await resolveChart('charts/web', { home, destination: dest });
    assert.deepEqual([newest.version, newest.source, newest.kind], ['1.2.0', 'repository', 'archive']);
    assert.equal((await resolveChart('charts/web', { home, destination: dest, devel: true })).version, '2.0.0-beta.1');
    assert.equal((await resolveChart('charts/web', { home, destination: dest, version: '~1.0' })).version, '1.0.0');
    assert.equal((await resolveChart('db', { home, destination: dest, repoUrl: plain.url })).version, '0.3.0');
    const byUrl = await resolveChart(`${plain.url}/db-0.3.0.tgz`, { home, destination: dest });
    assert.equal(byUrl.source, 'url');
    const local = await resolveChart(byUrl.path, { home });
    assert.equal(local.source, 'local');
    await assert.rejects(
      resolveChart('charts/nope', { home }),
      /chart "nope" matching version "" not found in charts index\. \(try 'helm repo update'\)\. no chart name found/,
    );
    await assert.rejects(resolveChart('charts/web', { home, version: '>=9' }), /matching version ">=9" not found/);
    await assert.rejects(resolveChart('nosuch/web', { home }), /repo nosuch not found/);
    await assert.rejects(resolveChart('./missing-dir', { home }), /path ".\/missing-dir" not found/);
    // Tamper with the cached index's digest: the download must be refused.
    const indexPath = indexCachePath(home, 'charts');
    writeFileSync(
      indexPath,
      readFileSync(indexPath, 'utf8').replace(/digest: [0-9a-f]{64}/g, `digest: ${'0'.repeat(64)}`),
    );
    await assert.rejects(resolveChart('charts/db', { home, destination: dest }), /digest mismatch/);
  });

  describe('faults (nock)', () => {
    afterEach(() => {
      nock.cleanAll();
    });

    it('keeps the previous index when an update answers 500 or a corrupt body', async () => {
      const good = readFileSync(join(repoDir, 'index.yaml'), 'utf8');
      nock('http://charts.faulty.test').get('/index.yaml').reply(200, good);
      await addRepository(home, { name: 'faulty', url: 'http://charts.faulty.test' });
      const before = readFileSync(indexCachePath(home, 'faulty'), 'utf8');

      nock('http://charts.faulty.test').get('/index.yaml').reply(500, 'boom');
      let [result] = await updateRepositories(home, ['faulty']);
      assert.match(result.error!.message, /500/);

      nock('http://charts.faulty.test')
        .get('/index.yaml')
        .reply(200, 'apiVersion: v1\nentries:\n  web:\n  - name: [unclosed\n');
      [result] = await updateRepositories(home, ['faulty']);
      assert.match(result.error!.message, /cannot parse/);

      assert.equal(readFileSync(indexCachePath(home, 'faulty'), 'utf8'), before);
      assert.deepEqual((await IndexCache.load(indexCachePath(home, 'faulty'))).names(), ['db', 'web']);
    });

    it('keeps the previous index when the server cuts the body short or resets', async () => {
      const good = readFileSync(join(repoDir, 'index.yaml'), 'utf8');
      let cut = false;
      let reset = false;
      const cutting = await startStaticServer(repoDir, {
        route: (req, res) => {
          if (reset) {
            req.socket.destroy();
            return true;
          }
          if (!cut) return false;
          res.writeHead(200, { 'Content-Length': String(good.length) });
          res.write(good.slice(0, 200), () => res.socket?.destroy());
          return true;
        },
      });
      try {
        await addRepository(home, { name: 'cut', url: cutting.url });
        const before = readFileSync(indexCachePath(home, 'cut'), 'utf8');
        cut = true;
        const [result] = await updateRepositories(home, ['cut']);
        assert.match(result.error!.message, /interrupted|truncated|reset/);
        assert.equal(readFileSync(indexCachePath(home, 'cut'), 'utf8'), before);
        reset = true;
        const [again] = await updateRepositories(home, ['cut']);
        assert.match(again.error!.message, /connection reset|socket hang up/);
        assert.equal(readFileSync(indexCachePath(home, 'cut'), 'utf8'), before);
      } finally {
        await cutting.close();
      }
    });

    it('gives up on a server that stops sending', async () => {
      nock('http://charts.slow.test').get('/index.yaml').delay(2000).reply(200, 'apiVersion: v1\nentries: {}\n');
      const dest = join(work, 'slow.yaml');
      await assert.rejects(
        downloadToFile('http://charts.slow.test/index.yaml', dest, { idleTimeoutMs: 200 }),
        /timed out/,
      );
      assert.equal(existsSync(dest), false);
    });

    it('refuses an index whose every entry is unusable', async () => {
      nock('http://charts.empty.test')
        .get('/index.yaml')
        .reply(200, 'apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n');
      await assert.rejects(
        addRepository(home, { name: 'empty', url: 'http://charts.empty.test' }),
        /no usable entries: chart "a" version 1.0.0 has no urls/,
      );
    });
  });
});
