import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { gunzipBounded, readTarEntries } from '@helmts/archive';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  files?: string[];
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
}

/** The packages `npm run pack-all` packs (and a release publishes): every one not private. */
const published = readdirSync(join(repoRoot, 'packages'))
  .map((dir) => JSON.parse(readFileSync(join(repoRoot, 'packages', dir, 'package.json'), 'utf8')) as PackageJson)
  .filter((pjson) => !pjson.private)
  .map((pjson) => pjson.name);

/**
 * Package hygiene, from what users download: `npm run pack-all` packs every public package; each
 * tarball carries LICENSE, README and a package.json with license, engines, files and exports;
 * installed alone in an empty directory (its @helmts dependencies from their tarballs, no dev
 * dependencies) every export imports, and every bin answers --version and --help.
 */
describe('every published package, installed alone from its tarball', function () {
  this.timeout(900_000);
  let scratch: string;
  let packs: string;
  const tarballs = new Map<string, { file: string; pjson: PackageJson; entries: string[] }>();

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-tarballs-'));
    packs = join(scratch, 'packs');
    execFileSync('bash', [join(repoRoot, 'scripts', 'pack-all.sh'), packs], { cwd: repoRoot, stdio: 'pipe' });
    for (const name of readdirSync(packs)) {
      const file = join(packs, name);
      const tar = gunzipBounded(readFileSync(file), 512 * 1024 * 1024);
      const entries = readTarEntries(tar);
      const pjsonEntry = entries.find((e) => e.name === 'package/package.json');
      assert.ok(pjsonEntry, `${name} has no package.json`);
      const text = tar.subarray(pjsonEntry.dataOffset, pjsonEntry.dataOffset + pjsonEntry.size).toString('utf8');
      const pjson = JSON.parse(text) as PackageJson;
      tarballs.set(pjson.name, { file, pjson, entries: entries.map((e) => e.name) });
    }
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('packs exactly the public packages, and lerna sees no dependency cycle among them', () => {
    assert.deepEqual([...tarballs.keys()].sort(), [...published].sort());
    const lerna = join(repoRoot, 'node_modules', 'lerna', 'dist', 'cli.js');
    const ls = spawnSync(process.execPath, [lerna, 'ls', '--all', '--toposort'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(ls.status, 0, ls.stderr);
    assert.doesNotMatch(ls.stderr, /ECYCLE|[Cc]ycle/);
  });

  // docs/releasing.md#without-a-registry, its command lines as written (packs/ here is the test's).
  it('without a registry: npm i -g of every tarball gives the CLI; plugins link loads an official plugin', () => {
    const user = join(scratch, 'offline');
    const prefix = join(user, 'prefix');
    mkdirSync(prefix, { recursive: true });
    const env = {
      ...process.env,
      npm_config_prefix: prefix,
      PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
      HELMTS_HOME: join(user, 'helmts-home'),
      HELMTS_DATA_DIR: join(user, 'data'),
      HELMTS_CONFIG_DIR: join(user, 'config'),
      HELMTS_CACHE_DIR: join(user, 'cache'),
      NO_COLOR: '1',
    };
    const sh = (line: string, cwd = scratch) => spawnSync('bash', ['-c', line], { cwd, env, encoding: 'utf8' });
    const install = sh('npm i -g ./packs/*.tgz --no-audit --no-fund --loglevel=error');
    assert.equal(install.status, 0, install.stderr);
    assert.match(sh('helmts --version').stdout, /^@helmts\/core\/\d+\.\d+\.\d+ /);
    const chart = join(repoRoot, 'packages', 'plugin-release', 'test', 'fixtures', 'webapp');
    const missing = sh(`helmts template ${chart} --name offline`);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /provided by the plugin @helmts\/plugin-release/);
    const link = sh('helmts plugins link "$(npm root -g)/@helmts/plugin-release" --no-install');
    assert.equal(link.status, 0, link.stderr);
    const template = sh(`helmts template ${chart} --name offline`);
    assert.equal(template.status, 0, template.stderr);
    assert.match(template.stdout, /^kind: /m);

    // A plugin author depends on the SDK before it is published: the tarballs of core and its @helmts dependencies.
    const plugin = join(user, 'my-plugin');
    mkdirSync(plugin);
    writeFileSync(
      join(plugin, 'package.json'),
      JSON.stringify({ name: 'my-plugin', version: '0.0.0', type: 'module' }),
    );
    const tgz = (pkg: string) => tarballs.get(`@helmts/${pkg}`)!.file;
    const sdk = sh(
      `npm i ${tgz('core')} ${tgz('archive')} ${tgz('proto')} --no-audit --no-fund --loglevel=error`,
      plugin,
    );
    assert.equal(sdk.status, 0, sdk.stderr);
    const load = sh(
      `node --input-type=module -e "const sdk = await import('@helmts/core'); console.log(typeof sdk.HelmtsCommand, typeof sdk.Flags.boolean)"`,
      plugin,
    );
    assert.equal(load.stdout, 'function function\n', load.stderr);
  });

  for (const name of published) {
    it(name, () => {
      const tarball = tarballs.get(name);
      assert.ok(tarball, `${name} was not packed`);
      const { file, pjson, entries } = tarball;
      for (const required of ['LICENSE', 'README.md', 'package.json'])
        assert.ok(entries.includes(`package/${required}`), `${name}: no ${required} in the tarball`);
      assert.deepEqual(
        entries.filter((e) => /^package\/(src|test)\//.test(e) || /\.tsbuildinfo$/.test(e)),
        [],
        `${name}: sources or build state in the tarball`,
      );
      assert.equal(pjson.license, 'Apache-2.0');
      assert.ok(pjson.engines?.node, `${name}: no engines.node`);
      assert.ok(pjson.files && pjson.files.length > 0, `${name}: no files`);
      assert.ok(pjson.exports?.['.'], `${name}: no "." export`);

      // Alone: an empty project depending on the tarball; its @helmts dependencies from theirs.
      const dir = join(scratch, 'alone', name.replace('/', '+'));
      mkdirSync(dir, { recursive: true });
      const overrides = Object.fromEntries(
        [...tarballs].filter(([other]) => other !== name).map(([other, t]) => [other, `file:${t.file}`]),
      );
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ private: true, dependencies: { [name]: `file:${file}` }, overrides }),
      );
      execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd: dir,
        stdio: 'pipe',
      });

      const specifiers = Object.keys(pjson.exports ?? {})
        .filter((key) => key !== './package.json')
        .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));
      const load = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `for (const s of ${JSON.stringify(specifiers)}) await import(s);`],
        { cwd: dir, encoding: 'utf8' },
      );
      assert.equal(load.status, 0, `${name}: import failed\n${load.stderr}`);

      const env = {
        ...process.env,
        HOME: join(dir, 'home'),
        HELMTS_HOME: join(dir, 'helmts-home'),
        HELMTS_DATA_DIR: join(dir, 'data'),
        HELMTS_CONFIG_DIR: join(dir, 'config'),
        HELMTS_CACHE_DIR: join(dir, 'cache'),
        NO_COLOR: '1',
      };
      for (const bin of Object.keys(pjson.bin ?? {})) {
        for (const flag of ['--version', '--help']) {
          const run = spawnSync(join(dir, 'node_modules', '.bin', bin), [flag], { cwd: dir, env, encoding: 'utf8' });
          assert.equal(run.status, 0, `${bin} ${flag}: ${run.stderr}`);
          assert.ok(run.stdout.trim().length > 0, `${bin} ${flag} printed nothing`);
          assert.equal(run.stderr, '', `${bin} ${flag} wrote to stderr`);
        }
      }
    });
  }
});
