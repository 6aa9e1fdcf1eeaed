import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  copyWorkspace,
  lernaPublish,
  newUser,
  publishThirdPartyCommonJsPlugin,
  publishThirdPartyPlugin,
  repoRoot,
  setVersion,
  startRegistry,
  THIRD_PARTY_CJS_PLUGIN,
  THIRD_PARTY_PLUGIN,
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
  const globalCore = () => join(user.prefix, 'lib', 'node_modules', '@helmts', 'core');

  /**
   * Every @helmts/core under the data directory's node_modules that is a copy (a directory), not
   * the link to the global CLI: npm installs one only for a plugin whose range the CLI does not fit.
   */
  const sdkCopies = () => {
    const found: string[] = [];
    const walk = (modules: string) => {
      for (const entry of readdirSync(modules, { withFileTypes: true })) {
        const packages = entry.name.startsWith('@')
          ? readdirSync(join(modules, entry.name), { withFileTypes: true }).map((e) => join(entry.name, e.name))
          : [entry.name];
        for (const name of packages) {
          const path = join(modules, name);
          if (name === '@helmts/core') {
            if (!lstatSync(path).isSymbolicLink()) found.push(path);
          } else if (!lstatSync(path).isSymbolicLink() && existsSync(join(path, 'node_modules'))) {
            walk(join(path, 'node_modules'));
          }
        }
      }
    };
    walk(join(dataDir(), 'node_modules'));
    return found;
  };

  /** The plugins' @helmts/core is the global CLI itself, linked, and there is no copy of it. */
  const assertOneSdk = () => {
    assert.equal(realpathSync(join(dataDir(), 'node_modules', '@helmts', 'core')), realpathSync(globalCore()));
    assert.deepEqual(sdkCopies(), []);
  };

  /** What `helmts <topic> sdk` (the third-party fixtures) says about the SDK it runs on. */
  const assertCliSdk = (topic: string, entry: string) => {
    const r = helmts([topic, 'sdk']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        `resolved: ${join(realpathSync(globalCore()), 'dist', entry)}`,
        'same SDK: true',
        "SDK error is the CLI's: true",
        "CLI error is the plugin's: true",
        '',
      ].join('\n'),
    );
  };

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
    assertOneSdk();

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
    assertOneSdk();

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
    // Official plugins are CommonJS bundles: their require('@helmts/core') is the link to the CLI.
    assertOneSdk();
    assert.equal(helmts(['search', '--help']).status, 0);
  });

  it("third-party plugins (ES module and CommonJS) install by name, run on the CLI's SDK, update and uninstall", () => {
    const source = join(scratch, 'acme-plugin');
    const publish = (version: string) => publishThirdPartyPlugin(source, version, registry!, user.env);
    publish('1.0.0');
    publishThirdPartyCommonJsPlugin(join(scratch, 'acme-cjs-plugin'), '1.0.0', registry!, user.env);

    const install = helmts(['plugins', 'install', THIRD_PARTY_PLUGIN], 'helmts plugins install (third party)');
    assert.equal(install.status, 0, install.stderr);
    sizes.push([`plugin data dir after adding ${THIRD_PARTY_PLUGIN}`, diskUse(dataDir())]);
    const run = helmts(['fixture', 'settings', '--tiller-namespace', 'team-a']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /tiller-namespace\s*\tteam-a/);
    const cjs = helmts(
      ['plugins', 'install', THIRD_PARTY_CJS_PLUGIN],
      'helmts plugins install (third party, CommonJS)',
    );
    assert.equal(cjs.status, 0, cjs.stderr);
    // `import '@helmts/core'` and `require('@helmts/core')` both load the global CLI's own files: the
    // same classes, so an SDK error made on either side is an instance of the other's.
    assertOneSdk();
    assertCliSdk('fixture', 'sdk.mjs');
    assertCliSdk('cjs-fixture', 'plugin.cjs');

    publish('1.1.0');
    assert.equal(helmts(['plugins', 'update']).status, 0);
    assert.match(helmts(['plugins']).stdout, /^@acme\/helmts-plugin-fixture 1\.1\.0$/m);
    assertOneSdk();
    assertCliSdk('fixture', 'sdk.mjs');

    for (const name of [THIRD_PARTY_PLUGIN, THIRD_PARTY_CJS_PLUGIN]) {
      const uninstall = helmts(['plugins', 'uninstall', name]);
      assert.equal(uninstall.status, 0, uninstall.stderr);
    }
    assert.equal(helmts(['fixture', 'settings']).status, 1);
    assert.equal(helmts(['cjs-fixture', 'sdk']).status, 1);
    assertOneSdk();
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

  it('a CLI that moved (its link left dangling) relinks itself; plugins update records the new place', () => {
    const moved = join(scratch, 'moved-prefix');
    renameSync(user.prefix, moved);
    user.env.PATH = user.env.PATH.replace(user.prefix, moved);
    user.env.npm_config_prefix = moved;
    user.prefix = moved;
    const create = helmts(['create', join(scratch, 'movedchart')]);
    assert.equal(create.status, 0, create.stderr);
    assert.equal(create.stderr, '');
    assertOneSdk();
    const update = helmts(['plugins', 'update']);
    assert.equal(update.status, 0, update.stderr);
    const pjson = JSON.parse(readFileSync(join(dataDir(), 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    assert.equal(pjson.dependencies['@helmts/core'], `file:${realpathSync(globalCore())}`);
    assertOneSdk();
  });

  it('a CLI upgraded past what a plugin accepts: a warning until plugins update gives the plugin its own copy', () => {
    setVersion(join(workspace, 'packages', 'core'), '0.2.0');
    lernaPublish(workspace, registry!, user.env);
    const upgrade = sh('npm', ['i', '-g', '@helmts/core@0.2.0']);
    assert.equal(upgrade.status, 0, upgrade.stderr);
    // plugin-create 0.1.0 depends on @helmts/core ^0.1.0, which 0.2.0 does not satisfy.
    const create = helmts(['create', join(scratch, 'upgradedchart')]);
    assert.equal(create.status, 0, create.stderr);
    assert.match(
      create.stderr,
      /^Warning: the plugin @helmts\/plugin-create needs @helmts\/core \^0\.1\.0 and this helmts is 0\.2\.0: run "helmts plugins update"$/m,
    );
    const update = helmts(['plugins', 'update'], 'helmts plugins update (core 0.1.0 -> 0.2.0)');
    assert.equal(update.status, 0, update.stderr);
    sizes.push(['plugin data dir after an update nested a copy of @helmts/core 0.1.0', diskUse(dataDir())]);
    const copies = sdkCopies().map((path) => path.slice(dataDir().length + 1));
    assert.ok(copies.includes(join('node_modules', '@helmts', 'plugin-create', 'node_modules', '@helmts', 'core')));
    const again = helmts(['create', join(scratch, 'upgradedchart2')]);
    assert.equal(again.status, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /Warning: the plugin/);
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
