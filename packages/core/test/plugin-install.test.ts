import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runCli } from './run-cli.js';

const coreDir = fileURLToPath(new URL('..', import.meta.url));
const archiveDir = fileURLToPath(new URL('../../archive', import.meta.url));
const protoDir = fileURLToPath(new URL('../../proto', import.meta.url));
const fixtureDir = fileURLToPath(new URL('fixtures/plugin-fixture', import.meta.url));
const coreVersion = (JSON.parse(readFileSync(join(coreDir, 'package.json'), 'utf8')) as { version: string }).version;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function packInto(dir: string, dest: string): string {
  const out = npm(['pack', '--pack-destination', dest, '--json'], dir);
  return join(dest, (JSON.parse(out) as { filename: string }[])[0].filename);
}

/**
 * The way users get plugins: @helmts/core installed on its own (from its npm tarball), then a
 * third-party plugin added with `plugins install` (a tarball) or `plugins link` (a checkout).
 */
describe('plugins in a core-only helmts installed from its tarball', function () {
  this.timeout(300_000);
  let scratch: string;
  let bin: string;
  let env: Record<string, string>;
  const helmts = (args: string[]) => runCli(args, env, scratch, bin);
  const cachedManifestPath = () =>
    join(env.HELMTS_DATA_DIR, 'node_modules', 'helmts-plugin-fixture', '.oclif.manifest.json');
  const cachedManifest = () =>
    JSON.parse(readFileSync(cachedManifestPath(), 'utf8')) as {
      version: string;
      helmtsCli: string;
      commands: Record<string, { summary: string }>;
    };

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-plugins-'));
    const tarballs = join(scratch, 'tarballs');
    mkdirSync(tarballs);
    const coreTgz = packInto(coreDir, tarballs);
    // Until the @helmts packages are on the public registry, core's own @helmts dependencies
    // come from their tarballs too.
    const workspaceDependencies = {
      '@helmts/archive': `file:${packInto(archiveDir, tarballs)}`,
      '@helmts/proto': `file:${packInto(protoDir, tarballs)}`,
    };
    const prefix = join(scratch, 'prefix');
    mkdirSync(prefix);
    writeFileSync(
      join(prefix, 'package.json'),
      JSON.stringify({
        private: true,
        dependencies: { '@helmts/core': `file:${coreTgz}` },
        overrides: workspaceDependencies,
      }),
    );
    npm(['install'], prefix);
    bin = join(prefix, 'node_modules', '@helmts', 'core', 'bin', 'run.cjs');
    // No registry holds @helmts/core: a plugin's dependency on it resolves to this CLI, which the
    // data directory links (data-dir-sdk-link.cts), so a plugin tarball installs offline.
    const dataDir = join(scratch, 'data');
    env = {
      HELMTS_DATA_DIR: dataDir,
      HELMTS_CACHE_DIR: join(scratch, 'cache'),
      HELMTS_CONFIG_DIR: join(scratch, 'config'),
      HELMTS_HOME: join(scratch, 'home'),
    };
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('has only the core commands and says where "install" comes from', () => {
    const r = helmts(['install', 'mychart']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /helmts plugins install @helmts\/plugin-release/);
    assert.doesNotMatch(helmts(['--help']).stdout, /\n {2}template /);
  });

  it('installs a plugin from an npm pack tarball, runs it, and uninstalls it', () => {
    const fixtureTgz = packInto(fixtureDir, join(scratch, 'tarballs'));
    const install = helmts(['plugins', 'install', `file:${fixtureTgz}`]);
    assert.equal(install.status, 0, install.stderr);
    assert.match(helmts(['plugins']).stdout, /helmts-plugin-fixture 1\.0\.0/);
    // The plugin's @helmts/core is the CLI itself, linked: no second copy in the data directory.
    const sdk = join(env.HELMTS_DATA_DIR, 'node_modules', '@helmts', 'core');
    assert.ok(lstatSync(sdk).isSymbolicLink());
    assert.equal(realpathSync(sdk), realpathSync(dirname(dirname(bin))));
    // Published without an oclif manifest: the one oclif built is cached beside it, so later starts
    // do not import every command file.
    const manifest = cachedManifest();
    assert.equal(manifest.version, '1.0.0');
    assert.equal(manifest.helmtsCli, coreVersion);
    assert.deepEqual(Object.keys(manifest.commands), ['fixture:settings']);

    const run = helmts(['fixture', 'settings', '--tiller-namespace', 'team-a']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^SETTING\s*\tVALUE/);
    assert.match(run.stdout, /tiller-namespace\s*\tteam-a/);
    assert.match(run.stdout, new RegExp(`home\\s*\\t${env.HELMTS_HOME}`));

    const uninstall = helmts(['plugins', 'uninstall', 'helmts-plugin-fixture']);
    assert.equal(uninstall.status, 0, uninstall.stderr);
    assert.doesNotMatch(helmts(['plugins']).stdout, /helmts-plugin-fixture/);
    assert.ok(!existsSync(join(env.HELMTS_DATA_DIR, 'node_modules', 'helmts-plugin-fixture')));
    assert.equal(helmts(['fixture', 'settings']).status, 1);
  });

  it('uses the cached manifest of an installed plugin until the plugin or helmts changes', () => {
    const fixtureTgz = packInto(fixtureDir, join(scratch, 'tarballs'));
    assert.equal(helmts(['plugins', 'install', `file:${fixtureTgz}`]).status, 0);
    assert.equal(helmts(['plugins']).status, 0);
    // oclif really reads the cache: the summary it lists is the cached one.
    const edited = (summary: string, helmtsCli = coreVersion) => {
      const manifest = cachedManifest();
      manifest.commands['fixture:settings'].summary = summary;
      writeFileSync(cachedManifestPath(), JSON.stringify({ ...manifest, helmtsCli }));
    };
    edited('from the cache');
    assert.match(helmts(['fixture', '--help']).stdout, /from the cache/);

    // Installing again (npm leaves the same package in place) drops the cache before anything changes.
    edited('stale after a reinstall');
    assert.equal(helmts(['plugins', 'install', `file:${fixtureTgz}`]).status, 0);
    assert.ok(!existsSync(cachedManifestPath()));
    assert.match(helmts(['fixture', '--help']).stdout, /Print the settings the SDK resolved/);
    assert.equal(
      cachedManifest().commands['fixture:settings'].summary,
      'Print the settings the SDK resolved for this plugin.',
    );

    // A newer version with another command: listed at once, and cached as that version.
    const newer = join(scratch, 'fixture-1.0.1');
    cpSync(fixtureDir, newer, { recursive: true });
    const pjson = JSON.parse(readFileSync(join(newer, 'package.json'), 'utf8')) as { version: string };
    writeFileSync(join(newer, 'package.json'), JSON.stringify({ ...pjson, version: '1.0.1' }));
    writeFileSync(
      join(newer, 'commands', 'fixture', 'hello.js'),
      "import {HelmtsCommand} from '@helmts/core'\nexport default class Hello extends HelmtsCommand {\n  static summary = 'Say hello.'\n  async run() { this.log('hello') }\n}\n",
    );
    edited('stale after an update');
    assert.equal(helmts(['plugins', 'install', `file:${packInto(newer, join(scratch, 'tarballs'))}`]).status, 0);
    const help = helmts(['fixture', '--help']);
    assert.match(help.stdout, /Say hello\./);
    assert.doesNotMatch(help.stdout, /stale/);
    assert.deepEqual(Object.keys(cachedManifest().commands).sort(), ['fixture:hello', 'fixture:settings']);
    assert.equal(cachedManifest().version, '1.0.1');

    // A cache another helmts version wrote is dropped, then written again by this one.
    edited('written by another helmts', '0.0.1');
    assert.equal(helmts(['plugins']).status, 0);
    assert.ok(!existsSync(cachedManifestPath()));
    assert.equal(helmts(['fixture', 'hello']).stdout, 'hello\n');
    assert.equal(cachedManifest().helmtsCli, coreVersion);

    assert.equal(helmts(['plugins', 'uninstall', 'helmts-plugin-fixture']).status, 0);
  });

  it('links a plugin from a checkout and unlinks it', () => {
    const link = helmts(['plugins', 'link', fixtureDir, '--no-install']);
    assert.equal(link.status, 0, link.stderr);
    const run = helmts(['fixture', 'settings', '--upper']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /tiller-namespace\s*\tKUBE-SYSTEM/);
    // oclif's "linked ESM module" warning is noise on every command: helmts runs compiled code.
    assert.doesNotMatch(run.stderr, /linked ESM module/);
    assert.ok(!existsSync(join(fixtureDir, '.oclif.manifest.json')), 'nothing is written into a linked checkout');
    const unlink = helmts(['plugins', 'unlink', fixtureDir]);
    assert.equal(unlink.status, 0, unlink.stderr);
    assert.equal(helmts(['fixture', 'settings']).status, 1);
  });
});
