import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { helm, helmBinary, helmts, helmtsAsync, startFileServer, startServe } from './cli.js';

function writeChart(parent: string, name: string, version: string, extra = ''): string {
  const dir = join(parent, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(
    join(dir, 'Chart.yaml'),
    `apiVersion: v1\nname: ${name}\nversion: ${version}\ndescription: The ${name} chart\n${extra}`,
  );
  writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\n');
  writeFileSync(
    join(dir, 'templates', 'cm.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${name}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n`,
  );
  return dir;
}

describe('plugin-repo commands (real CLI, helmts serve)', function () {
  const work = mkdtempSync(join(tmpdir(), 'helmts-plugin-repo-'));
  const served = join(work, 'served');
  const env = { HELMTS_HOME: join(work, 'home') };
  let serve: { address: string; stop: () => Promise<void> };

  before(async () => {
    mkdirSync(served, { recursive: true });
    const src = join(work, 'src');
    writeChart(src, 'web', '1.0.0', 'keywords:\n- http\n- frontend\n');
    // `repo index` reads archives: package them with the plugin's own fetch-free path (dependency update packs file:// charts).
    const parent = writeChart(join(work, 'packer'), 'packer', '0.0.1');
    writeFileSync(
      join(parent, 'requirements.yaml'),
      `dependencies:\n- name: web\n  version: 1.0.0\n  repository: file://${join(src, 'web')}\n`,
    );
    const r = helmts(['dependency', 'update', parent], env);
    assert.equal(r.status, 0, r.stderr);
    copyFileSync(join(parent, 'charts', 'web-1.0.0.tgz'), join(served, 'web-1.0.0.tgz'));
    serve = await startServe(['--repo-path', served, '--address', '127.0.0.1:0'], env);
  });
  after(async () => {
    await serve?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves index.yaml and adds it; repo list shows it; search finds it', () => {
    const url = `http://${serve.address}/charts`;
    let r = helmts(['repo', 'add', 'mine', url], env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '"mine" has been added to your repositories\n');
    r = helmts(['repo', 'list'], env);
    assert.match(r.stdout, new RegExp(`^NAME\\s+URL\\s*\\nmine\\s+${url.replace(/\./g, '\\.')}\\s*\\n$`));
    r = helmts(['search', 'frontend'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^NAME\s+CHART VERSION\s+APP VERSION\s+DESCRIPTION\s*\nmine\/web\s+1\.0\.0\s+The web chart\s*\n$/,
    );
    r = helmts(['search', 'nothing-like-this'], env);
    assert.equal(r.stdout, 'No results found\n');
    r = helmts(['search', 'web', '-o', 'json'], env);
    // Helm 2's searchResult struct, one line as Go's json.Marshal writes it
    assert.equal(r.stdout, '[{"Name":"mine/web","Version":"1.0.0","AppVersion":"","Description":"The web chart"}]\n');
    r = helmts(['search', 'web', '-o', 'yaml'], env);
    assert.equal(r.stdout, '- AppVersion: ""\n  Description: The web chart\n  Name: mine/web\n  Version: 1.0.0\n\n');
    assert.equal(helmts(['search', 'nothing-like-this', '-o', 'json'], env).stdout, 'null\n');
  });

  it('regenerates the index when an archive is added, and repo update picks it up', async () => {
    const src = join(work, 'src2');
    const parent = writeChart(join(work, 'packer2'), 'packer2', '0.0.1');
    writeChart(src, 'web', '1.1.0');
    writeFileSync(
      join(parent, 'requirements.yaml'),
      `dependencies:\n- name: web\n  version: 1.1.0\n  repository: file://${join(src, 'web')}\n`,
    );
    assert.equal(helmts(['dep', 'up', parent], env).status, 0);
    copyFileSync(join(parent, 'charts', 'web-1.1.0.tgz'), join(served, 'web-1.1.0.tgz'));
    for (let i = 0; i < 100 && !readFileSync(join(served, 'index.yaml'), 'utf8').includes('1.1.0'); i++)
      await new Promise((r) => setTimeout(r, 100));
    const r = helmts(['repo', 'update'], env);
    assert.match(
      r.stdout,
      /Hang tight while we grab the latest from your chart repositories\.\.\.\n\.\.\.Successfully got an update from the "mine" chart repository\nUpdate Complete\.\n/,
    );
    assert.match(helmts(['search', 'web', '-l'], env).stdout, /mine\/web\s+1\.1\.0[\s\S]*mine\/web\s+1\.0\.0/);
  });

  it('fetches by repo/chart with --untar, and by URL; --prov of an unsigned chart warns', () => {
    const dest = mkdtempSync(join(work, 'fetch-'));
    let r = helmts(['fetch', 'mine/web', '--version', '1.0.0', '-d', dest, '--untar'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(dest, 'web', 'Chart.yaml')));
    r = helmts(['pull', `http://${serve.address}/charts/web-1.0.0.tgz`, '-d', dest], env);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(join(dest, 'web-1.0.0.tgz')));
    r = helmts(['fetch', 'mine/web', '--version', '1.0.0', '--prov', '-d', dest], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^WARNING: Verification not found for mine\/web: Failed to fetch http:\/\/.*\/web-1\.0\.0\.tgz\.prov : 404 Not Found\n$/,
    );
    r = helmts(['fetch', 'mine/missing'], env);
    assert.match(r.stderr, /Error: chart "missing" matching version "" not found in mine index/);
  });

  it('dependency update, list and build against the served repository', () => {
    const chart = writeChart(join(work, 'app'), 'app', '0.1.0');
    writeFileSync(
      join(chart, 'requirements.yaml'),
      `dependencies:\n- name: web\n  version: "~1.0.0"\n  repository: "@mine"\n  alias: frontend\n`,
    );
    let r = helmts(['dependency', 'list', chart], env);
    assert.match(r.stdout, /web\s+~1\.0\.0\s+@mine\s+missing/);
    r = helmts(['dependency', 'update', chart], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Saving 1 charts\nDownloading web from repo @mine\nDeleting outdated charts\n/);
    assert.deepEqual(readdirSync(join(chart, 'charts')), ['web-1.0.0.tgz']);
    const lock = readFileSync(join(chart, 'requirements.lock'), 'utf8');
    assert.match(
      lock,
      /dependencies:\n- name: web\n {2}version: 1\.0\.0\n {2}repository: "@mine"\ndigest: sha256:[0-9a-f]{64}\n/,
    );
    r = helmts(['dependency', 'list', chart], env);
    assert.match(r.stdout, /web\s+~1\.0\.0\s+@mine\s+ok/);
    rmSync(join(chart, 'charts'), { recursive: true });
    r = helmts(['dep', 'build', chart, '--skip-refresh'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(join(chart, 'charts')), ['web-1.0.0.tgz']);
    writeFileSync(
      join(chart, 'requirements.yaml'),
      `dependencies:\n- name: web\n  version: "^1.0.0"\n  repository: "@mine"\n`,
    );
    r = helmts(['dep', 'build', chart], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /requirements\.lock is out of sync with requirements\.yaml/);
  });

  it('dependency build then template renders the repository dependency', function () {
    const chart = writeChart(join(work, 'tpl'), 'tpl', '0.1.0');
    writeFileSync(
      join(chart, 'requirements.yaml'),
      `dependencies:\n- name: web\n  version: 1.1.0\n  repository: "@mine"\n`,
    );
    assert.equal(helmts(['dep', 'build', chart], env).status, 0);
    const r = helmts(['template', chart, '--name', 'rel'], env);
    if (r.status !== 0 && /not found|not a helmts command|ModuleLoadError|Cannot find module/i.test(r.stderr))
      this.skip();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /name: rel-web/);
  });

  it("serve refuses an address it cannot listen on in Go's words (bad port, no port, a port in use)", () => {
    const repoPath = mkdtempSync(join(work, 'serve-bad-'));
    const errorOf = (address: string) => {
      const r = helmts(['serve', '--repo-path', repoPath, '--address', address], env);
      assert.equal(r.status, 1, r.stdout);
      return r.stderr.trim().split('\n').at(-1);
    };
    assert.equal(errorOf('127.0.0.1:notaport'), 'Error: listen tcp: lookup tcp/notaport: unknown port');
    assert.equal(errorOf('127.0.0.1:99999'), 'Error: listen tcp: address 99999: invalid port');
    assert.equal(errorOf('127.0.0.1'), 'Error: listen tcp: address 127.0.0.1: missing port in address');
    assert.equal(errorOf(serve.address), `Error: listen tcp ${serve.address}: bind: address already in use`);
  });

  it('repo index writes index.yaml for a directory; repo remove drops the repository', () => {
    const dir = mkdtempSync(join(work, 'index-'));
    copyFileSync(join(served, 'web-1.0.0.tgz'), join(dir, 'web-1.0.0.tgz'));
    let r = helmts(['repo', 'index', dir, '--url', 'https://charts.example.com'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'index.yaml'), 'utf8'), /- https:\/\/charts\.example\.com\/web-1\.0\.0\.tgz/);
    r = helmts(['repo', 'remove', 'mine'], env);
    assert.equal(r.stdout, '"mine" has been removed from your repositories\n');
    r = helmts(['repo', 'remove', 'mine'], env);
    assert.match(r.stderr, /Error: no repo named "mine" found/);
  });

  describe('interop with the real helm', function () {
    const bin = helmBinary();
    const homes = join(work, 'helm-homes');
    before(function () {
      if (!bin) this.skip();
    });

    it('helm repo add/search/pull work against helmts serve', () => {
      const url = `http://${serve.address}/charts`;
      let r = helm(bin!, ['repo', 'add', 'ours', url], homes);
      assert.equal(r.status, 0, r.stderr);
      r = helm(bin!, ['search', 'repo', 'ours/web', '--versions'], homes);
      assert.match(r.stdout, /ours\/web\s+1\.1\.0/);
      assert.match(r.stdout, /ours\/web\s+1\.0\.0/);
      const dest = mkdtempSync(join(work, 'helm-pull-'));
      r = helm(bin!, ['pull', 'ours/web', '--version', '1.0.0', '-d', dest], homes);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(existsSync(join(dest, 'web-1.0.0.tgz')));
    });

    it('helmts repo add reads what helm repo index writes', async () => {
      const dir = mkdtempSync(join(work, 'helm-indexed-'));
      copyFileSync(join(served, 'web-1.0.0.tgz'), join(dir, 'web-1.0.0.tgz'));
      copyFileSync(join(served, 'web-1.1.0.tgz'), join(dir, 'web-1.1.0.tgz'));
      // helm writes the index; a plain file server (no regeneration) serves it.
      const r = helm(bin!, ['repo', 'index', dir, '--url', 'http://127.0.0.1:1/unused'], homes);
      assert.equal(r.status, 0, r.stderr);
      const files = await startFileServer(dir);
      try {
        // The file server lives in this process: run the CLI without blocking it.
        const add = await helmtsAsync(['repo', 'add', 'helmindexed', files.url], env);
        assert.equal(add.status, 0, add.stderr);
        assert.match(
          helmts(['search', 'helmindexed/', '-l'], env).stdout,
          /helmindexed\/web\s+1\.1\.0[\s\S]*helmindexed\/web\s+1\.0\.0/,
        );
      } finally {
        await files.close();
      }
    });
  });
});
