import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  copyWorkspace,
  lernaPublish,
  newUser,
  publishThirdPartyPlugin,
  repoRoot,
  setVersion,
  startRegistry,
  type TestRegistry,
  type UserWorld,
} from './npm-registry.js';

const chart = fileURLToPath(new URL('fixtures/webapp', import.meta.url));

/** How long each step took and what it left on disk, printed at the end (npm installs are the slow part of CI). */
const timings: [string, number][] = [];
const sizes: [string, string][] = [];
const diskUse = (dir: string) => execFileSync('du', ['-sh', dir], { encoding: 'utf8' }).split('\t')[0];
function timed<T>(label: string, step: () => T): T {
  const start = Date.now();
  try {
    return step();
  } finally {
    timings.push([label, Date.now() - start]);
  }
}

/**
 * What a new user does, against a real npm registry: every package is published to a throw-away
 * Verdaccio on 127.0.0.1 exactly as a release publishes them (lerna publish from-package), then in a
 * clean HOME and global prefix: the install lines of README.md and docs/plugins.md, a release
 * lifecycle through the installed plugin, `plugins update` to a newer version published afterwards,
 * and `plugins uninstall`; the same for a third-party plugin published under its own name.
 */
describe('helmts installed from an npm registry, plugins by name @cluster', function () {
  this.timeout(600_000);
  let scratch: string;
  let registry: TestRegistry | undefined;
  let user: UserWorld;
  let workspace: string;
  const release = `registry-${process.pid}`;

  /** Every command line run as the user, to check the documented install lines against. */
  const ran = new Set<string>();
  const sh = (command: string, args: string[], label?: string) => {
    ran.add([command, ...args].join(' '));
    const run = () =>
      spawnSync(command, args, { env: user.env, cwd: scratch, encoding: 'utf8', timeout: 300_000, stdio: 'pipe' });
    const r = label ? timed(label, run) : run();
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  };
  const helmts = (args: string[], label?: string) => sh('helmts', args, label);
  const dataDir = () => join(user.home, '.local', 'share', 'helmts');

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-registry-'));
    registry = await startRegistry(join(scratch, 'registry'));
    user = newUser(scratch, registry);
    workspace = copyWorkspace(join(scratch, 'release'));
    timed('lerna publish from-package (every package)', () => lernaPublish(workspace, registry!, user.env));
  });

  after(() => {
    if (user) {
      helmts(['delete', '--purge', release]);
      helmts(['tiller', 'stop']);
    }
    registry?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    if (timings.length > 0)
      console.log(timings.map(([label, ms]) => `      ${(ms / 1000).toFixed(1).padStart(6)} s  ${label}`).join('\n'));
    if (sizes.length > 0) console.log(sizes.map(([label, size]) => `      ${size.padStart(6)}  ${label}`).join('\n'));
  });

  it('published every public package and not the private ones', () => {
    const published = (name: string) =>
      sh('npm', ['view', name, 'version', '--registry', registry!.url]).stdout.trim().split('\n').pop();
    for (const name of ['core', 'plugin-release', 'plugin-repo', 'plugin-create', 'tiller', 'chart', 'engine']) {
      assert.equal(published(`@helmts/${name}`), '0.1.0', `@helmts/${name}`);
    }
    assert.notEqual(sh('npm', ['view', '@helmts/testkit', 'version', '--registry', registry!.url]).status, 0);
  });

  it('npm i -g @helmts/core gives a core-only helmts that names the missing plugin', () => {
    const install = sh('npm', ['i', '-g', '@helmts/core'], 'npm i -g @helmts/core');
    assert.equal(install.status, 0, install.stderr);
    sizes.push(['global prefix with @helmts/core', diskUse(user.prefix)]);
    const version = helmts(['--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^@helmts\/core\/0\.1\.0 /);
    const missing = helmts(['install', chart]);
    assert.equal(missing.status, 1);
    assert.equal(
      missing.stderr,
      'Error: "install" is provided by the plugin @helmts/plugin-release, which is not installed.\n' +
        'Install it with: helmts plugins install @helmts/plugin-release\n',
    );
  });

  it('helmts plugins install @helmts/plugin-release by name, then a release lifecycle through a local Tiller', () => {
    const install = helmts(
      ['plugins', 'install', '@helmts/plugin-release'],
      'helmts plugins install @helmts/plugin-release',
    );
    assert.equal(install.status, 0, install.stderr);
    assert.match(helmts(['plugins']).stdout, /^@helmts\/plugin-release 0\.1\.0$/m);
    sizes.push(['plugin data dir with @helmts/plugin-release', diskUse(dataDir())]);

    const tiller = helmts(['tiller', 'start', '--storage', 'memory']);
    assert.equal(tiller.status, 0, tiller.stderr);
    const installed = helmts(['install', chart, '--name', release, '--namespace', 'default', '--set', 'greeting=hi']);
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /STATUS: DEPLOYED/);
    assert.match(helmts(['list', '--short']).stdout, new RegExp(`^${release}$`, 'm'));
    const upgraded = helmts(['upgrade', release, chart, '--set', 'greeting=ciao']);
    assert.equal(upgraded.status, 0, upgraded.stderr);
    assert.match(helmts(['history', release]).stdout, /^2\s.*DEPLOYED/m);
    const deleted = helmts(['delete', '--purge', release]);
    assert.equal(deleted.status, 0, deleted.stderr);
    assert.doesNotMatch(helmts(['list', '--all', '--short']).stdout, new RegExp(release));
  });

  it('plugins update picks up a newer version published afterwards; plugins uninstall removes it', () => {
    setVersion(join(workspace, 'packages', 'plugin-release'), '0.1.1');
    const published = timed('lerna publish from-package (plugin-release 0.1.1)', () =>
      lernaPublish(workspace, registry!, user.env),
    );
    assert.match(published, /@helmts\/plugin-release@0\.1\.1/);
    assert.doesNotMatch(published, /@helmts\/core@/, 'only the new version is published');

    const update = helmts(['plugins', 'update'], 'helmts plugins update');
    assert.equal(update.status, 0, update.stderr);
    assert.match(helmts(['plugins']).stdout, /^@helmts\/plugin-release 0\.1\.1$/m);
    assert.equal(helmts(['list']).status, 0);

    helmts(['tiller', 'stop']);
    const uninstall = helmts(['plugins', 'uninstall', '@helmts/plugin-release']);
    assert.equal(uninstall.status, 0, uninstall.stderr);
    assert.doesNotMatch(helmts(['plugins']).stdout, /plugin-release/);
    assert.equal(helmts(['list']).status, 1);
    assert.ok(!existsSync(join(dataDir(), 'node_modules', '@helmts', 'plugin-release')));
  });

  it('the other official plugins install by name next to each other', () => {
    for (const name of ['@helmts/plugin-repo', '@helmts/plugin-create']) {
      const install = helmts(['plugins', 'install', name], `helmts plugins install ${name}`);
      assert.equal(install.status, 0, install.stderr);
      sizes.push([`plugin data dir after adding ${name}`, diskUse(dataDir())]);
    }
    const create = helmts(['create', join(scratch, 'newchart')]);
    assert.equal(create.status, 0, create.stderr);
    assert.ok(existsSync(join(scratch, 'newchart', 'Chart.yaml')));
    // The plugins run on the CLI's own SDK, not on the copy of @helmts/core npm put beside them.
    const copy = join(dataDir(), 'node_modules', '@helmts', 'core', 'dist', 'plugin.cjs');
    const original = readFileSync(copy);
    writeFileSync(copy, "throw new Error('the data directory\\'s copy of @helmts/core was loaded')\n");
    try {
      const again = helmts(['create', join(scratch, 'otherchart')]);
      assert.equal(again.status, 0, again.stderr);
    } finally {
      writeFileSync(copy, original);
    }
    assert.equal(helmts(['search', '--help']).status, 0);
  });

  it('a third-party plugin published under its own name installs by name, runs, updates and uninstalls', () => {
    const source = join(scratch, 'acme-plugin');
    const publish = (version: string) => publishThirdPartyPlugin(source, version, registry!, user.env);
    publish('1.0.0');

    const install = helmts(
      ['plugins', 'install', '@acme/helmts-plugin-fixture'],
      'helmts plugins install (third party)',
    );
    assert.equal(install.status, 0, install.stderr);
    sizes.push([`plugin data dir after adding @acme/helmts-plugin-fixture`, diskUse(dataDir())]);
    const run = helmts(['fixture', 'settings', '--tiller-namespace', 'team-a']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /tiller-namespace\s*\tteam-a/);

    publish('1.1.0');
    assert.equal(helmts(['plugins', 'update']).status, 0);
    assert.match(helmts(['plugins']).stdout, /^@acme\/helmts-plugin-fixture 1\.1\.0$/m);

    const uninstall = helmts(['plugins', 'uninstall', '@acme/helmts-plugin-fixture']);
    assert.equal(uninstall.status, 0, uninstall.stderr);
    assert.equal(helmts(['fixture', 'settings']).status, 1);
  });

  it('plugins install file:./x.tgz takes the path from the current directory', () => {
    execFileSync('npm', ['pack', '--pack-destination', scratch], {
      cwd: join(scratch, 'acme-plugin'),
      env: user.env,
      stdio: 'pipe',
    });
    const install = helmts(['plugins', 'install', 'file:./acme-helmts-plugin-fixture-1.1.0.tgz']);
    assert.equal(install.status, 0, install.stderr);
    assert.equal(helmts(['fixture', 'settings']).status, 0);
    assert.equal(helmts(['plugins', 'uninstall', '@acme/helmts-plugin-fixture']).status, 0);
  });

  for (const doc of ['README.md', 'docs/plugins.md']) {
    it(`${doc}'s install lines are the ones run here`, () => {
      const text = readFileSync(join(repoRoot, doc), 'utf8');
      const marker = text.indexOf(
        '<!-- install lines: run as written by packages/plugin-release/test/registry-install.test.ts -->',
      );
      assert.ok(marker >= 0, `${doc} has no install-lines block`);
      const block = /```sh\n([\s\S]*?)```/.exec(text.slice(marker));
      assert.ok(block, `${doc}: no sh block after the marker`);
      const lines = block[1]
        .split('\n')
        .map((line) => line.replace(/\s+#.*$/, '').trim())
        .filter(Boolean);
      assert.ok(lines.length >= 3);
      for (const line of lines) assert.ok(ran.has(line), `${doc}: "${line}" is not run by this test`);
    });
  }
});
