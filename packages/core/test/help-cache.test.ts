import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runCli } from './run-cli.js';

describe('help cache (dist/help-cache.cjs)', () => {
  let scratch: string;
  let env: Record<string, string>;
  const entries = () => readdirSync(join(scratch, 'cache', 'help')).filter((name) => name.endsWith('.json'));
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-help-cache-'));
    env = { HELMTS_CACHE_DIR: join(scratch, 'cache'), HELMTS_DATA_DIR: join(scratch, 'data') };
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it("prints oclif's own text, and a second run prints the stored text without rendering", () => {
    const rendered = runCli(['list', '--help'], { ...env, HELMTS_DISABLE_HELP_CACHE: '1' });
    assert.equal(rendered.status, 0, rendered.stderr);
    assert.match(rendered.stdout, /^USAGE\n {2}\$ helmts list/m);
    const first = runCli(['list', '--help'], env);
    assert.deepEqual(first, rendered);
    assert.equal(entries().length, 1);
    assert.deepEqual(runCli(['list', '--help'], env), rendered);
    // the stored text is what the next run prints: it comes from the cache, not from oclif
    const [name] = entries();
    const path = join(scratch, 'cache', 'help', name);
    const entry = JSON.parse(readFileSync(path, 'utf8')) as { text: string };
    writeFileSync(path, JSON.stringify({ ...entry, text: 'from the cache\n' }));
    assert.equal(runCli(['list', '--help'], env).stdout, 'from the cache\n');
    // so is -h, with its own entry
    assert.deepEqual(runCli(['list', '-h'], env), rendered);
    assert.equal(entries().length, 2);
    // and `help list`, answered by the same Help class (not the help command's copy of oclif)
    assert.deepEqual(runCli(['help', 'list'], env), rendered);
    assert.equal(entries().length, 3);
  });

  it('renders again when a plugin list, the environment or the arguments change; never keeps an error', () => {
    assert.equal(runCli(['list', '--help'], env).stdout, 'from the cache\n');
    // an installed plugin is listed in the data directory's package.json
    mkdirSync(join(scratch, 'data'), { recursive: true });
    writeFileSync(join(scratch, 'data', 'package.json'), '{"private":true,"oclif":{"plugins":[]}}\n');
    const again = runCli(['list', '--help'], env);
    assert.match(again.stdout, /^USAGE\n {2}\$ helmts list/m);
    assert.equal(runCli(['list', '--help'], { ...env, HELMTS_SOME_SETTING: 'x' }).stdout, again.stdout);
    const before = entries().length;
    const missing = runCli(['no-such-command', '--help'], env);
    assert.notEqual(missing.status, 0);
    assert.equal(entries().length, before);
    assert.equal(runCli(['no-such-command', '--help'], env).stderr, missing.stderr);
  });

  it("keeps help only where every plugin's commands are described by a manifest file it can stamp", () => {
    const module = fileURLToPath(new URL('../dist/help-cache.cjs', import.meta.url));
    const plugin = (name: string, files: string[]) => {
      mkdirSync(join(scratch, 'plugins', name), { recursive: true });
      for (const file of ['package.json', ...files]) writeFileSync(join(scratch, 'plugins', name, file), '{}');
      return join(scratch, 'plugins', name);
    };
    const withManifest = plugin('with-manifest', ['oclif.manifest.json']);
    const cachedManifest = plugin('cached-manifest', ['.oclif.manifest.json']);
    const noManifest = plugin('no-manifest', []);
    /** Renders help for `argv` with a stand-in Help class, stores it for these plugins, says if kept. */
    const kept = (argv: string, plugins: Array<[string, string]>) => {
      const directory = join(scratch, 'unit', argv);
      const script = `
        const cache = require(${JSON.stringify(module)});
        class Help { async showHelp() { process.stdout.write('help text\\n'); } }
        const recorder = cache.recordHelp(${JSON.stringify(directory)}, [${JSON.stringify(argv)}], Help);
        new Help().showHelp().then(() => recorder.store({
          dataDir: ${JSON.stringify(join(scratch, 'data'))},
          plugins: new Map(${JSON.stringify(plugins)}.map(([type, root], i) => [String(i), { type, root }])),
        }));`;
      const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(run.stdout, 'help text\n', run.stderr);
      return existsSync(directory) && readdirSync(directory).length > 0;
    };
    assert.equal(
      kept('a', [
        ['core', withManifest],
        ['user', cachedManifest],
      ]),
      true,
    );
    assert.equal(
      kept('b', [
        ['core', withManifest],
        ['user', noManifest],
      ]),
      false,
    );
    assert.equal(kept('c', [['link', withManifest]]), false);
  });
});
