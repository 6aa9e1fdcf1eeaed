import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runCli } from './run-cli.js';

const coreDir = fileURLToPath(new URL('..', import.meta.url));
const archiveDir = fileURLToPath(new URL('../../archive', import.meta.url));
const protoDir = fileURLToPath(new URL('../../proto', import.meta.url));
const fixtureDir = fileURLToPath(new URL('fixtures/plugin-fixture', import.meta.url));

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
    // A plugin's dependency on @helmts/core must resolve in the data dir; until @helmts/core is on
    // the public registry, the data dir gets it from the same tarball first.
    const dataDir = join(scratch, 'data');
    mkdirSync(dataDir);
    writeFileSync(
      join(dataDir, 'package.json'),
      JSON.stringify({
        private: true,
        oclif: { schema: 1, plugins: [] },
        dependencies: { '@helmts/core': `file:${coreTgz}` },
        overrides: workspaceDependencies,
      }),
    );
    npm(['install'], dataDir);
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

  it('links a plugin from a checkout and unlinks it', () => {
    const link = helmts(['plugins', 'link', fixtureDir, '--no-install']);
    assert.equal(link.status, 0, link.stderr);
    const run = helmts(['fixture', 'settings', '--upper']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /tiller-namespace\s*\tKUBE-SYSTEM/);
    // oclif's "linked ESM module" warning is noise on every command: helmts runs compiled code.
    assert.doesNotMatch(run.stderr, /linked ESM module/);
    const unlink = helmts(['plugins', 'unlink', fixtureDir]);
    assert.equal(unlink.status, 0, unlink.stderr);
    assert.equal(helmts(['fixture', 'settings']).status, 1);
  });
});
