import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCliAsync } from './run-cli.js';

/** A package made the way its author would publish it (`npm pack`), from a package.json and files. */
function pack(scratch: string, pjson: Record<string, unknown>, files: Record<string, string>): string {
  const dir = join(scratch, 'src', String(pjson.name));
  for (const [path, text] of Object.entries({ ...files, 'package.json': JSON.stringify(pjson) })) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', scratch, '--loglevel=error'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return join(scratch, (JSON.parse(out) as { filename: string }[])[0].filename);
}

/** An HTTP server on 127.0.0.1 answering every request with `status`: a registry without the package, or a failing one. */
async function answering(status: number): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: status === 404 ? 'not found' : 'internal error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

const command = { 'commands/hello.js': 'module.exports = {};\n' };

/**
 * `plugins install` refuses, before it changes anything, a package that cannot work as a plugin,
 * and says why in one line: no oclif section, no compiled commands, another SDK major, a
 * dependency the registry does not have, a registry that fails or is down. The data directory is
 * left as it was (oclif alone would install most of these, answer 0, and warn on every command).
 */
describe('plugins install refuses broken plugins and installs nothing', function () {
  this.timeout(120_000);
  let scratch: string;
  let missing: { url: string; server: Server };
  let failing: { url: string; server: Server };
  let run = 0;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-plugin-refused-'));
    missing = await answering(404);
    failing = await answering(500);
  });
  after(() => {
    missing?.server.close();
    failing?.server.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** `helmts plugins install SPEC` in a core-only helmts with a fresh data dir, npm asking `registry`. */
  async function install(spec: string, registry = missing.url) {
    const dataDir = join(scratch, `data-${++run}`);
    const result = await runCliAsync(['plugins', 'install', spec], {
      HELMTS_CORE_ONLY: '1',
      HELMTS_DATA_DIR: dataDir,
      HELMTS_CACHE_DIR: join(scratch, 'cache'),
      HELMTS_CONFIG_DIR: join(scratch, 'config'),
      HELMTS_HOME: join(scratch, 'home'),
      npm_config_registry: registry,
      // npm retries a failing registry for a minute by default; once says the same.
      npm_config_fetch_retries: '0',
    });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.split('\n').length, 2, `one line:\n${result.stderr}`);
    for (const left of ['package.json', 'node_modules', 'package-lock.json'])
      assert.ok(!existsSync(join(dataDir, left)), `${left} was left in the data directory`);
    return result.stderr.trimEnd();
  }

  it('a package without an oclif section', async () => {
    const tgz = pack(scratch, { name: 'not-a-plugin', version: '1.0.0' }, { 'index.js': '' });
    assert.equal(
      await install(`file:${tgz}`),
      'Error: cannot install not-a-plugin@1.0.0: it is not a helmts plugin: its package.json has no "oclif" section',
    );
  });

  it('an oclif section that declares no commands', async () => {
    const tgz = pack(scratch, { name: 'no-commands', version: '1.0.0', oclif: { topicSeparator: ' ' } }, command);
    assert.match(await install(`file:${tgz}`), /no-commands@1\.0\.0: it declares no commands/);
  });

  it('an uncompiled TypeScript plugin', async () => {
    const tgz = pack(
      scratch,
      { name: 'uncompiled', version: '1.0.0', oclif: { commands: './src/commands' } },
      { 'src/commands/hello.ts': 'export default class Hello {}\n' },
    );
    assert.equal(
      await install(`file:${tgz}`),
      'Error: cannot install uncompiled@1.0.0: it has no commands: ./src/commands holds only TypeScript sources (compile the plugin before packing it)',
    );
  });

  it('commands that were never built into the package', async () => {
    const tgz = pack(scratch, { name: 'unbuilt', version: '1.0.0', oclif: { commands: './dist/commands' } }, command);
    assert.match(
      await install(`file:${tgz}`),
      /unbuilt@1\.0\.0: it has no commands: \.\/dist\/commands is not in the package/,
    );
  });

  it('a plugin for another SDK major (helmts.sdk)', async () => {
    const tgz = pack(
      scratch,
      { name: 'sdk-two', version: '3.0.0', oclif: { commands: './commands' }, helmts: { sdk: '^2.0.0' } },
      command,
    );
    assert.match(
      await install(`file:${tgz}`),
      /^Error: cannot install sdk-two@3\.0\.0: it is built for helmts SDK \^2\.0\.0 \("helmts\.sdk"\) and this helmts has 1\.\d+\.\d+$/,
    );
  });

  it('a plugin whose peerDependency on @helmts/core excludes this one', async () => {
    const tgz = pack(
      scratch,
      {
        name: 'core-nine',
        version: '1.0.0',
        oclif: { commands: './commands' },
        peerDependencies: { '@helmts/core': '^9.0.0' },
      },
      command,
    );
    assert.match(
      await install(`file:${tgz}`),
      /core-nine@1\.0\.0: it is built for helmts SDK \^9\.0\.0 \(its peerDependency on @helmts\/core\) and this helmts has 0\.\d+\.\d+$/,
    );
  });

  it('a dependency the registry does not have', async () => {
    const tgz = pack(
      scratch,
      {
        name: 'lost-dependency',
        version: '1.0.0',
        oclif: { commands: './commands' },
        dependencies: { '@acme/not-published': '^1.0.0' },
      },
      command,
    );
    assert.equal(
      await install(`file:${tgz}`),
      `Error: cannot install lost-dependency: its dependency @acme/not-published@^1.0.0 is not on the npm registry (${missing.url}@acme/not-published)`,
    );
  });

  it('a plugin name the registry does not have', async () => {
    assert.equal(
      await install('@acme/helmts-plugin-nowhere'),
      `Error: @acme/helmts-plugin-nowhere@latest is not on the npm registry (${missing.url}@acme/helmts-plugin-nowhere)`,
    );
  });

  it('a registry answering 500', async () => {
    assert.equal(
      await install('@acme/helmts-plugin-x', failing.url),
      `Error: the npm registry answered "500 Internal Server Error" for ${failing.url}@acme/helmts-plugin-x: it is failing, try again later`,
    );
  });

  it('a registry that is down', async () => {
    const closed = await answering(200);
    const { url } = closed;
    await new Promise((resolve) => closed.server.close(resolve));
    assert.match(
      await install('@acme/helmts-plugin-x', url),
      new RegExp(`^Error: cannot reach the npm registry: ${url}@acme/helmts-plugin-x failed \\(connect ECONNREFUSED `),
    );
  });
});
