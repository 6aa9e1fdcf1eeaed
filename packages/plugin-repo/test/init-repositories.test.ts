import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { helm2Oracle } from '@helmts/testkit';

import { helmtsAsync, startFileServer, startServe, type CliResult } from './cli.js';

/** What varies between two homes: the home's path and the files' timestamps. */
const masked = (text: string, home: string) =>
  text
    .split(home)
    .join('<HOME>')
    .replace(/^generated: .*$/m, 'generated: <TIME>');

/**
 * `init` adds Helm 2's `stable` and `local` repositories (core asks this plugin through the
 * helmts:init-repositories hook), compared with the real Helm 2.17 on a loopback stable repository.
 */
describe('init: the default repositories, as Helm 2.17', function () {
  this.timeout(900_000);
  let work: string;
  let helm: string;
  let stable: { url: string; close: () => Promise<void> };
  before(async () => {
    helm = join(helm2Oracle(), 'helm');
    work = mkdtempSync(join(tmpdir(), 'helmts-init-repos-'));
    mkdirSync(join(work, 'stable'));
    writeFileSync(
      join(work, 'stable', 'index.yaml'),
      'apiVersion: v1\nentries: {}\ngenerated: "2020-01-01T00:00:00Z"\n',
    );
    stable = await startFileServer(join(work, 'stable'));
  });
  after(async () => {
    await stable.close();
    rmSync(work, { recursive: true, force: true });
  });

  // not spawnSync: the stable repository is served by this process
  const helm2 = (args: string[], home: string, cwd?: string): Promise<CliResult> =>
    new Promise((resolve) => {
      const child = spawn(helm, args, {
        cwd,
        env: { ...process.env, HELM_HOME: home },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const ours = (args: string[], home: string, cwd?: string) => helmtsAsync(args, { HELM_HOME: home }, cwd);

  // --skip-refresh alone: Helm 2's default stable URL is written, nothing is downloaded
  for (const flags of [
    ['--stable-repo-url'],
    ['--skip-repos'],
    ['--stable-repo-url', '--local-repo-url'],
    ['--skip-refresh'],
  ]) {
    it(`init --client-only ${flags.join(' ')}: the same lines, exit code and repositories.yaml`, async () => {
      const args = ['init', '--client-only'];
      if (flags.includes('--stable-repo-url')) args.push('--stable-repo-url', stable.url);
      if (flags.includes('--local-repo-url')) args.push('--local-repo-url', 'http://127.0.0.1:9999/mine');
      if (flags.includes('--skip-repos')) args.push('--skip-repos');
      if (flags.includes('--skip-refresh')) args.push('--skip-refresh');
      const tag = flags.join('');
      const [homeA, homeB] = [join(work, `helm2${tag}`), join(work, `helmts${tag}`)];
      const a = await helm2(args, homeA);
      // the default stable URL only with --skip-refresh: never downloaded here
      const b = flags.includes('--skip-refresh')
        ? await helmtsAsync(args, { HELM_HOME: homeB, HELMTS_STABLE_REPO_URL: undefined })
        : await ours(args, homeB);
      assert.equal(b.status, a.status, b.stderr);
      assert.equal(masked(b.stdout, homeB), masked(a.stdout, homeA));
      assert.equal(b.stderr, a.stderr);
      const repositories = (home: string) =>
        masked(readFileSync(join(home, 'repository', 'repositories.yaml'), 'utf8'), home);
      assert.equal(repositories(homeB), repositories(homeA));
      if (flags.includes('--stable-repo-url')) {
        assert.equal(
          readFileSync(join(homeB, 'repository', 'cache', 'stable-index.yaml'), 'utf8'),
          readFileSync(join(homeA, 'repository', 'cache', 'stable-index.yaml'), 'utf8'),
        );
        assert.equal(
          readlinkSync(join(homeB, 'repository', 'cache', 'local-index.yaml')),
          join(homeB, 'repository', 'local', 'index.yaml'),
        );
        // a second init leaves the file alone and says only where the home is
        const again = await ours(args, homeB);
        assert.equal(masked(again.stdout, homeB), masked((await helm2(args, homeA)).stdout, homeA));
      }
    });
  }

  it('an unreachable stable repository is one warning, not a failure (Helm 2 exits 1 and writes no file)', async () => {
    const home = join(work, 'offline');
    const r = await ours(['init', '--client-only', '--stable-repo-url', 'http://127.0.0.1:1/charts'], home);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stderr,
      /^WARNING: Looks like "http:\/\/127\.0\.0\.1:1\/charts" is not a valid chart repository or cannot be reached: .*connection refused; "stable" was added without its index: run "repo update" once it can be reached\n$/,
    );
    assert.match(r.stdout, /Adding stable repo with URL: http:\/\/127\.0\.0\.1:1\/charts \nAdding local repo/);
    const list = await helmtsAsync(['repo', 'list'], { HELM_HOME: home });
    assert.match(list.stdout, /^stable\s+http:\/\/127\.0\.0\.1:1\/charts\s*$/m);
    assert.match(list.stdout, /^local\s+http:\/\/127\.0\.0\.1:8879\/charts\s*$/m);
  });

  it('--skip-refresh adds stable without downloading its index', async () => {
    const home = join(work, 'skip-refresh');
    const r = await ours(
      ['init', '--client-only', '--skip-refresh', '--stable-repo-url', 'http://127.0.0.1:1/x'],
      home,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(existsSync(join(home, 'repository', 'cache', 'stable-index.yaml')), false);
    assert.match(
      readFileSync(join(home, 'repository', 'repositories.yaml'), 'utf8'),
      /url: http:\/\/127\.0\.0\.1:1\/x/,
    );
  });
});

/**
 * The `local` repository init adds: `package` saves into it (--save, Helm 2's default), `search`
 * finds the chart there and `serve` serves it by default; compared with the real Helm 2.17.
 */
describe('the local repository: package --save, search, serve, as Helm 2.17', function () {
  this.timeout(900_000);
  let work: string;
  let helm: string;
  const run = (bin: string, args: string[], home: string, cwd: string): Promise<CliResult> =>
    new Promise((resolve) => {
      const child = spawn(bin, args, {
        cwd,
        env: { ...process.env, HELM_HOME: home, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const ours = (args: string[], home: string, cwd: string) => helmtsAsync(args, { HELM_HOME: home }, cwd);
  before(async () => {
    helm = join(helm2Oracle(), 'helm');
    work = mkdtempSync(join(tmpdir(), 'helmts-local-repo-'));
    for (const side of ['helm2', 'helmts']) {
      mkdirSync(join(work, side));
      // --skip-refresh: stable is added but never downloaded (no request leaves this machine)
      const init = await run(helm, ['init', '--client-only', '--skip-refresh'], join(work, side, 'home'), work);
      assert.equal(init.status, 0, init.stderr);
      // Helm 2's own scaffold, the chart both package
      assert.equal((await run(helm, ['create', 'mych'], join(work, side, 'home'), join(work, side))).status, 0);
    }
  });
  after(() => rmSync(work, { recursive: true, force: true }));
  const homeOf = (side: string) => join(work, side, 'home');
  const mask = (text: string, side: string) => text.split(join(work, side)).join('<WORK>');

  it('package saves into the local repository and search finds it there', async () => {
    const a = await run(helm, ['package', 'mych'], homeOf('helm2'), join(work, 'helm2'));
    const b = await ours(['package', 'mych'], homeOf('helmts'), join(work, 'helmts'));
    assert.deepEqual(
      { status: b.status, stdout: mask(b.stdout, 'helmts'), stderr: b.stderr },
      { status: a.status, stdout: mask(a.stdout, 'helm2'), stderr: a.stderr },
    );
    const local = join(homeOf('helmts'), 'repository', 'local');
    assert.deepEqual(readFileSync(join(local, 'mych-0.1.0.tgz')), readFileSync(join(work, 'helmts', 'mych-0.1.0.tgz')));
    const index = readFileSync(join(local, 'index.yaml'), 'utf8');
    assert.match(index, /^ {4}- http:\/\/127\.0\.0\.1:8879\/charts\/mych-0\.1\.0\.tgz$/m);
    const digest = createHash('sha256')
      .update(readFileSync(join(local, 'mych-0.1.0.tgz')))
      .digest('hex');
    assert.match(index, new RegExp(`^ {4}digest: ${digest}$`, 'm'));

    for (const args of [
      ['search', 'mych'],
      ['search', 'local/'],
      ['search', 'mych', '-o', 'json'],
      ['search', 'mych', '-o', 'yaml'],
      ['search', 'nothing-matches', '-o', 'json'],
      ['repo', 'list', '-o', 'json'],
      ['repo', 'list', '-o', 'yaml'],
      ['search', '-l', 'mych'],
    ]) {
      const h = await run(helm, args, homeOf('helm2'), work);
      const t = await ours(args, homeOf('helmts'), work);
      // the program names itself ("Try 'helmts repo update'")
      assert.deepEqual({ ...t, stdout: t.stdout.replace(/\bhelmts\b/g, 'helm') }, h, args.join(' '));
    }
  });

  it('--save=false and --no-save leave the local repository alone', async () => {
    const local = join(homeOf('helmts'), 'repository', 'local');
    const before = readFileSync(join(local, 'index.yaml'), 'utf8');
    for (const flag of ['--save=false', '--no-save']) {
      const r = await ours(['package', flag, '--version', '9.9.9', 'mych'], homeOf('helmts'), join(work, 'helmts'));
      assert.equal(r.status, 0, r.stderr);
      assert.equal(existsSync(join(local, 'mych-9.9.9.tgz')), false);
      assert.equal(readFileSync(join(local, 'index.yaml'), 'utf8'), before);
    }
  });

  it('serve serves the local repository by default', async () => {
    const server = await startServe(['--address', '127.0.0.1:0'], { HELM_HOME: homeOf('helmts') });
    try {
      const index = await (await fetch(`http://${server.address}/charts/index.yaml`)).text();
      assert.match(index, /^ {2}mych:$/m);
      const archive = await fetch(`http://${server.address}/charts/mych-0.1.0.tgz`);
      assert.equal(archive.status, 200);
    } finally {
      await server.stop();
    }
  });

  it('search: no repositories file is an error saying what to run; an empty list is "No results found", as Helm 2', async () => {
    const missing = await ours(['search', 'mych'], join(work, 'no-home'), work);
    assert.equal(missing.status, 1);
    assert.equal(
      missing.stderr,
      `Error: Couldn't load repositories file (${join(work, 'no-home', 'repository', 'repositories.yaml')}).\n` +
        'You might need to run `helmts init` (or `helmts init --client-only` if tiller is already installed)\n',
    );
    const bare = join(work, 'bare');
    assert.equal((await ours(['init', '--client-only', '--skip-repos'], bare, work)).status, 0);
    const h = await run(helm, ['search', 'mych'], bare, work);
    const t = await ours(['search', 'mych'], bare, work);
    assert.deepEqual(t, h);
    assert.equal(t.stdout, 'No results found\n');
  });

  it('package into a home without a local index (init --skip-repos) creates it (Helm 2 fails after saving)', async () => {
    const bare = join(work, 'bare-package');
    assert.equal((await ours(['init', '--client-only', '--skip-repos'], bare, work)).status, 0);
    const r = await ours(['package', 'mych'], bare, join(work, 'helmts'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(bare, 'repository', 'local', 'index.yaml'), 'utf8'), /^ {2}mych:$/m);
  });
});
