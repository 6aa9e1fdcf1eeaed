import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { writeTarGz as makeTarGz, type TarWriteEntry } from '@helmts/archive';

import { findDownloader, listDownloaders, resolveSettings, runDownloader } from '../src/index.js';
import { CLI, type CliResult } from './run-cli.js';

/** The CLI in a child process, without blocking the event loop (the test serves HTTP meanwhile). */
function helmts(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', HELMTS_CORE_ONLY: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A plugin whose command echoes its arguments and the environment Helm promises plugins. */
const ECHO_SCRIPT = `#!/bin/sh
echo "ARGS=$*"
for v in HELM_PLUGIN_NAME HELM_PLUGIN_DIR HELM_BIN HELM_HOME HELMTS_HOME HELM_PLUGIN HELM_PATH_REPOSITORY HELM_PATH_REPOSITORY_FILE HELM_PATH_CACHE HELM_PATH_LOCAL_REPOSITORY HELM_PATH_STARTER TILLER_NAMESPACE TILLER_HOST HELM_HOST HELM_DEBUG; do
  eval "echo $v=\\\${$v}"
done
exit \${ECHO_EXIT:-0}
`;

function pluginYaml(name: string, version: string, extra = ''): string {
  return `name: ${name}
version: ${version}
usage: echoes its arguments
description: A test plugin.
command: "$HELM_PLUGIN_DIR/echo.sh --from-command"
hooks:
  install: 'echo "install hook ran for $HELM_PLUGIN_NAME" > "$HELM_HOME/${name}-install.log"'
  update: 'echo "update hook ran: $HELM_PLUGIN_NAME" > "$HELM_HOME/${name}-update.log"'
  delete: 'echo "delete hook ran" > "$HELM_HOME/${name}-delete.log"'
${extra}`;
}

function archiveEntries(name: string, version: string, extra = ''): TarWriteEntry[] {
  return [
    { name: `${name}/`, type: 'directory' },
    { name: `${name}/plugin.yaml`, data: Buffer.from(pluginYaml(name, version, extra)) },
    { name: `${name}/echo.sh`, data: Buffer.from(ECHO_SCRIPT), mode: 0o755 },
  ];
}

function parseEcho(stdout: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0) values[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return values;
}

describe('legacy Helm plugins (plugin.yaml) through the CLI', function () {
  this.timeout(120_000);
  let scratch: string;
  let home: string;
  let env: Record<string, string>;
  let server: Server;
  let baseUrl: string;
  const served = new Map<string, Buffer>();

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-legacy-'));
    home = join(scratch, 'home');
    env = {
      HELMTS_HOME: home,
      HELMTS_HOST: '',
      HELM_PLUGIN: '',
      TILLER_NAMESPACE: '',
      HELMTS_DATA_DIR: join(scratch, 'data'),
    };
    server = createServer((request, response) => {
      // A git client asks `info/refs?service=...` first; without a smart server it reads the files (dumb HTTP).
      const body = served.get((request.url ?? '').split('?')[0]);
      if (!body) {
        response.writeHead(404).end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/gzip' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  });

  it("installs a plugin from a directory (linked), runs it with Helm's environment, and removes it", async () => {
    const dir = join(scratch, 'src', 'echo-dir');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'plugin.yaml'), pluginYaml('echodir', '0.1.0'));
    writeFileSync(join(dir, 'echo.sh'), ECHO_SCRIPT);
    chmodSync(join(dir, 'echo.sh'), 0o755);

    const install = await helmts(['plugin', 'install', dir], env);
    assert.equal(install.status, 0, install.stderr);
    assert.equal(install.stdout, 'Installed plugin: echodir\n');
    assert.ok(lstatSync(join(home, 'plugins', 'echo-dir')).isSymbolicLink());
    assert.equal(readFileSync(join(home, 'echodir-install.log'), 'utf8'), 'install hook ran for echodir\n');

    const run = await helmts(
      ['echodir', 'pos', 'host:port', '--tiller-namespace', 'team-a', '--own-flag=1', '--debug', '--host=t:44134'],
      env,
    );
    assert.equal(run.status, 0, run.stderr);
    const seen = parseEcho(run.stdout);
    assert.equal(seen.ARGS, '--from-command pos host:port --own-flag=1');
    assert.equal(seen.HELM_PLUGIN_NAME, 'echodir');
    assert.equal(seen.HELM_PLUGIN_DIR, join(home, 'plugins', 'echo-dir'));
    assert.equal(seen.HELM_BIN, CLI);
    assert.equal(seen.HELM_HOME, home);
    assert.equal(seen.HELMTS_HOME, home);
    assert.equal(seen.HELM_PLUGIN, join(home, 'plugins'));
    assert.equal(seen.HELM_PATH_REPOSITORY, join(home, 'repository'));
    assert.equal(seen.HELM_PATH_REPOSITORY_FILE, join(home, 'repository', 'repositories.yaml'));
    assert.equal(seen.HELM_PATH_CACHE, join(home, 'repository', 'cache'));
    assert.equal(seen.HELM_PATH_LOCAL_REPOSITORY, join(home, 'repository', 'local'));
    assert.equal(seen.HELM_PATH_STARTER, join(home, 'starters'));
    assert.equal(seen.TILLER_NAMESPACE, 'team-a');
    assert.equal(seen.TILLER_HOST, 't:44134');
    assert.equal(seen.HELM_HOST, 't:44134');
    assert.equal(seen.HELM_DEBUG, '1');

    const plain = await helmts(['echodir'], env);
    assert.equal(parseEcho(plain.stdout).TILLER_NAMESPACE, 'kube-system');
    assert.equal(parseEcho(plain.stdout).HELM_DEBUG, '');

    const failing = await helmts(['echodir', 'x'], { ...env, ECHO_EXIT: '7' });
    assert.equal(failing.status, 7);
    assert.match(failing.stderr, /Error: plugin "echodir" exited with error/);

    const update = await helmts(['plugin', 'update', 'echodir'], env);
    assert.equal(update.status, 0, update.stderr);
    assert.equal(readFileSync(join(home, 'echodir-update.log'), 'utf8'), 'update hook ran: echodir\n');

    const remove = await helmts(['plugin', 'remove', 'echodir'], env);
    assert.equal(remove.status, 0, remove.stderr);
    assert.equal(remove.stdout, 'Removed plugin: echodir\n');
    assert.ok(!existsSync(join(home, 'plugins', 'echo-dir')));
    assert.ok(existsSync(join(dir, 'plugin.yaml')), 'removing a linked plugin keeps its source');
    assert.ok(existsSync(join(home, 'echodir-delete.log')));
    const gone = await helmts(['echodir'], env);
    assert.equal(gone.status, 1);
    assert.match(gone.stderr, /unknown command "echodir" for "helmts"/);
  });

  it('installs from a local .tgz, honours ignoreFlags, lists and removes it', async () => {
    const tgz = join(scratch, 'quiet-0.2.0.tgz');
    writeFileSync(tgz, makeTarGz(archiveEntries('quiet', '0.2.0', 'ignoreFlags: true\n')));
    const install = await helmts(['plugin', 'install', tgz], env);
    assert.equal(install.status, 0, install.stderr);
    assert.ok(lstatSync(join(home, 'plugins', 'quiet')).isSymbolicLink());

    const run = await helmts(['quiet', 'dropped', '--also-dropped'], env);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(parseEcho(run.stdout).ARGS, '--from-command');

    const list = await helmts(['plugin', 'list'], env);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^NAME\s*\tVERSION\s*\tDESCRIPTION\s*\n/);
    assert.match(list.stdout, /\nquiet\s*\t0\.2\.0\s*\techoes its arguments/);

    const again = await helmts(['plugin', 'install', tgz], env);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /plugin already exists: quiet/);

    assert.equal((await helmts(['plugin', 'remove', 'quiet'], env)).status, 0);
    assert.doesNotMatch((await helmts(['plugin', 'list'], env)).stdout, /quiet/);
  });

  it('installs from an HTTP URL and updates it from the same URL (the update hook runs)', async () => {
    served.set('/remote-1.tgz', makeTarGz(archiveEntries('remote', '1.0.0')));
    const url = `${baseUrl}/remote-1.tgz`;
    const install = await helmts(['plugin', 'install', url], env);
    assert.equal(install.status, 0, install.stderr);
    assert.match((await helmts(['plugin', 'list'], env)).stdout, /\nremote\s*\t1\.0\.0/);
    const run = await helmts(['remote', 'hi'], env);
    assert.equal(parseEcho(run.stdout).ARGS, '--from-command hi');

    served.set('/remote-1.tgz', makeTarGz(archiveEntries('remote', '1.1.0')));
    const update = await helmts(['plugin', 'update', 'remote'], env);
    assert.equal(update.status, 0, update.stderr);
    assert.equal(update.stdout, 'Updated plugin: remote\n');
    assert.match((await helmts(['plugin', 'list'], env)).stdout, /\nremote\s*\t1\.1\.0/);
    assert.equal(readFileSync(join(home, 'remote-update.log'), 'utf8'), 'update hook ran: remote\n');

    const missing = await helmts(['plugin', 'install', `${baseUrl}/nothing.tgz`], env);
    assert.equal(missing.status, 1);
    // Helm 2's getter's words
    assert.equal(missing.stderr, `Error: Failed to fetch ${baseUrl}/nothing.tgz : 404 Not Found\n`);

    assert.equal((await helmts(['plugin', 'remove', 'remote'], env)).status, 0);
  });

  /**
   * A plugin's git repository as its author keeps it (tags 1.0.0, 1.1.0, 2.0.0 and a newer commit on
   * main), as a bare repository; answers its directory.
   */
  function gitPluginRepository(name: string): string {
    const work = join(scratch, `${name}-work`);
    mkdirSync(work);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@helmts.invalid', ...args], { cwd: work });
    git('init', '--quiet', '--initial-branch=main');
    writeFileSync(join(work, 'echo.sh'), ECHO_SCRIPT, { mode: 0o755 });
    for (const version of ['1.0.0', '1.1.0', '2.0.0', '2.1.0-dev']) {
      writeFileSync(join(work, 'plugin.yaml'), pluginYaml(name, version));
      git('add', '--all');
      git('commit', '--quiet', '-m', version);
      if (!version.endsWith('-dev')) git('tag', version);
    }
    const bare = join(scratch, 'git', `${name}.git`);
    execFileSync('git', ['clone', '--quiet', '--bare', work, bare]);
    execFileSync('git', ['update-server-info'], { cwd: bare });
    return bare;
  }

  it('installs from a git repository over file:// with --version picking the highest matching tag', async () => {
    const bare = gitPluginRepository('gitecho');
    const install = await helmts(['plugin', 'install', `file://${bare}`, '--version', '~1.0'], env);
    assert.equal(install.status, 0, install.stderr);
    assert.equal(install.stdout, 'Installed plugin: gitecho\n');
    // Linked under the repository's name, as Helm 2 does; the clone sits in the plugin cache.
    assert.ok(lstatSync(join(home, 'plugins', 'gitecho.git')).isSymbolicLink());
    assert.match((await helmts(['plugin', 'list'], env)).stdout, /\ngitecho\s*\t1\.0\.0/);
    assert.equal(readFileSync(join(home, 'gitecho-install.log'), 'utf8'), 'install hook ran for gitecho\n');
    assert.equal(parseEcho((await helmts(['gitecho', 'x'], env)).stdout).ARGS, '--from-command x');
    // useTunnel with core alone (HELMTS_CORE_ONLY: no release plugin to open the tunnel): a warning
    // saying how to give the plugin Tiller's address (with the plugin, see in-cluster-tiller.test.ts).
    writeFileSync(
      join(home, 'plugins', 'gitecho.git', 'plugin.yaml'),
      pluginYaml('gitecho', '1.0.0', 'useTunnel: true\n'),
    );
    const tunnel = await helmts(['gitecho'], env);
    assert.equal(tunnel.status, 0, tunnel.stderr);
    assert.match(
      tunnel.stderr,
      /^Warning: plugin "gitecho" asks for a tunnel to Tiller \(useTunnel\), and no installed plugin finds Tiller .*--host or HELM_HOST\n$/,
    );
    assert.equal((await helmts(['gitecho'], { ...env, HELMTS_HOST: '127.0.0.1:44134' })).stderr, '');
    execFileSync('git', ['checkout', '--quiet', 'plugin.yaml'], { cwd: join(home, 'plugins', 'gitecho.git') });
    assert.equal((await helmts(['plugin', 'remove', 'gitecho'], env)).status, 0);

    const none = await helmts(['plugin', 'install', `file://${bare}`, '--version', '>=3.0.0'], env);
    assert.equal(none.status, 1);
    assert.equal(none.stderr, `Error: requested version ">=3.0.0" does not exist for plugin "file://${bare}"\n`);
    assert.ok(!existsSync(join(home, 'plugins', 'gitecho.git')));
    assert.deepEqual(
      readdirSync(join(home, 'cache', 'plugins')).filter((f) => f.includes('gitecho')),
      [],
    );
  });

  it('installs from a git server over HTTP (the branch head) and updates it with git', async () => {
    const bare = gitPluginRepository('httpecho');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
      );
    const publish = () => {
      execFileSync('git', ['update-server-info'], { cwd: bare });
      for (const file of walk(bare)) served.set(`/git/${relative(join(scratch, 'git'), file)}`, readFileSync(file));
    };
    publish();
    const url = `${baseUrl}/git/httpecho.git`;
    const install = await helmts(['plugin', 'install', url], env);
    assert.equal(install.status, 0, install.stderr);
    assert.match((await helmts(['plugin', 'list'], env)).stdout, /\nhttpecho\s*\t2\.1\.0-dev/);

    // The author pushes a new version; `plugin update` pulls it and runs the update hook.
    const work = join(scratch, 'httpecho-work');
    writeFileSync(join(work, 'plugin.yaml'), pluginYaml('httpecho', '2.2.0'));
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@helmts.invalid', 'commit', '-qam', '2.2.0'], {
      cwd: work,
    });
    execFileSync('git', ['push', '--quiet', bare, 'main'], { cwd: work });
    publish();
    const update = await helmts(['plugin', 'update', 'httpecho'], env);
    assert.equal(update.status, 0, update.stderr);
    assert.match((await helmts(['plugin', 'list'], env)).stdout, /\nhttpecho\s*\t2\.2\.0/);
    assert.equal(readFileSync(join(home, 'httpecho-update.log'), 'utf8'), 'update hook ran: httpecho\n');
    assert.equal((await helmts(['plugin', 'remove', 'httpecho'], env)).status, 0);

    const missing = await helmts(['plugin', 'install', `${baseUrl}/git/nothing.git`], env);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^Error: git clone failed: .*nothing\.git/);
  });

  it('refuses a hostile tarball and leaves nothing behind', async () => {
    served.set(
      '/evil.tgz',
      makeTarGz([...archiveEntries('evil', '6.6.6'), { name: 'evil/../../../escaped', data: Buffer.from('pwned') }]),
    );
    const install = await helmts(['plugin', 'install', `${baseUrl}/evil.tgz`], env);
    assert.equal(install.status, 1);
    assert.match(install.stderr, /leaving its directory/);
    assert.ok(!existsSync(join(home, 'plugins', 'evil')));
    assert.ok(!existsSync(join(home, 'escaped')) && !existsSync(join(scratch, 'escaped')));
    assert.doesNotMatch((await helmts(['plugin', 'list'], env)).stdout, /evil/);
  });

  it('keeps the official-plugin message for commands no plugin provides', async () => {
    const r = await helmts(['install', 'chart'], env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /helmts plugins install @helmts\/plugin-release/);
  });
});

describe('downloader plugins through the SDK', function () {
  this.timeout(60_000);
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-downloader-'));
    const dir = join(scratch, 'home', 'plugins', 'fake-s3');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'plugin.yaml'),
      [
        'name: fake-s3',
        'version: 0.1.0',
        'downloaders:',
        '  - command: bin/get.sh --verbose',
        '    protocols: ["s3", "gs"]',
        '',
      ].join('\n'),
    );
    mkdirSync(join(dir, 'bin'));
    // Prints the arguments and plugin name it was given, then the "file content".
    writeFileSync(
      join(dir, 'bin', 'get.sh'),
      [
        '#!/bin/sh',
        'case "$5" in *missing*) echo "no such object: $5" >&2; exit 3;; esac',
        'printf "args=%s|%s|%s|%s|%s\\n" "$1" "$2" "$3" "$4" "$5"',
        'printf "plugin=%s home=%s\\n" "$HELM_PLUGIN_NAME" "$HELM_HOME"',
        '',
      ].join('\n'),
    );
    chmodSync(join(dir, 'bin', 'get.sh'), 0o755);
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the downloader for a scheme and returns what it writes to stdout', async () => {
    const settings = resolveSettings({ home: join(scratch, 'home') }, {});
    const downloader = await findDownloader('s3', settings, {});
    assert.ok(downloader);
    assert.equal((await findDownloader('gs://bucket/index.yaml', settings, {}))?.plugin.manifest.name, 'fake-s3');
    assert.equal(await findDownloader('ftp', settings, {}), undefined);
    assert.deepEqual(
      (await listDownloaders(settings, {})).map((d) => d.protocol),
      ['s3', 'gs'],
    );

    const bytes = await runDownloader(downloader, 's3://charts/index.yaml', { settings, caFile: '/ca.pem', env: {} });
    assert.equal(
      bytes.toString('utf8'),
      `args=--verbose|||/ca.pem|s3://charts/index.yaml\nplugin=fake-s3 home=${join(scratch, 'home')}\n`,
    );
  });

  it("fails with the downloader's error when it exits non-zero", async () => {
    const settings = resolveSettings({ home: join(scratch, 'home') }, {});
    const downloader = await findDownloader('s3', settings, {});
    assert.ok(downloader);
    await assert.rejects(
      runDownloader(downloader, 's3://charts/missing.tgz', { settings, env: {}, stderr: 'ignore' }),
      /exited with error \(exit code 3\).*no such object: s3:\/\/charts\/missing\.tgz/,
    );
  });
});
