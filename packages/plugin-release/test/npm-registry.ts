// A throw-away npm registry (Verdaccio) on 127.0.0.1 and a user's npm world around it (a clean HOME
// and global prefix), for tests that install helmts the way users do: `npm i -g @helmts/core`,
// then `helmts plugins install NAME`.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@helmts/testkit';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Scopes served by the test registry; every other package comes from the machine's normal npm registry. */
const REGISTRY_SCOPES = ['@helmts', '@acme'];

export interface TestRegistry {
  url: string;
  token: string;
  stop(): void;
}

/**
 * Starts Verdaccio with its storage under `dir` and no uplinks: it serves only what the test
 * publishes and never asks another registry (a name it does not hold is a 404).
 */
export async function startRegistry(dir: string): Promise<TestRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      // Verdaccio checks the password on every request: cheap hashing keeps a publish of 14 packages quick.
      '    algorithm: bcrypt',
      '    rounds: 4',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    unpublish: $authenticated',
      // The audit middleware forwards `npm audit` to the public registry: off.
      'middlewares:',
      '  audit:',
      '    enabled: false',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: error }',
      'max_body_size: 100mb',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')), 'bin', 'verdaccio');
  const child: ChildProcess = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  const stop = () => {
    if (child.exitCode === null) child.kill();
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`verdaccio did not answer on ${url} within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // A user to publish as (Verdaccio's htpasswd: the first PUT creates it and answers a token).
  const response = await fetch(`${url}-/user/org.couchdb.user:helmts`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'helmts', password: 'helmts-test-password' }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!response.ok || !token) {
    stop();
    throw new Error(`verdaccio: cannot create a user (HTTP ${response.status})`);
  }
  return { url, token, stop };
}

/** The machine's npm settings for reaching its normal registry (CA file, proxy), which a clean HOME loses. */
function machineNpmSettings(env: NodeJS.ProcessEnv): string[] {
  const keys = ['registry', 'cafile', 'strict-ssl', 'proxy', 'https-proxy', 'noproxy'];
  const lines: string[] = [];
  for (const key of keys) {
    const value = execFileSync('npm', ['config', 'get', key], { env, cwd: tmpdir(), encoding: 'utf8' }).trim();
    if (value && value !== 'null' && value !== 'undefined') lines.push(`${key}=${value}`);
  }
  return lines;
}

/** The environment without what npm or npx put there for the test runner itself. */
function withoutNpmVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || /^npm_/i.test(key) || /^HELMTS_|^HELM_|^XDG_/.test(key)) continue;
    clean[key] = value;
  }
  return clean;
}

export interface UserWorld {
  home: string;
  prefix: string;
  /** Environment of a user with that HOME, whose global npm prefix is `prefix` and whose PATH has its bin. */
  env: Record<string, string>;
}

/**
 * A new user: an empty HOME whose ~/.npmrc sends the test scopes to the test registry (with its
 * token) and everything else to the machine's normal registry, and an empty global prefix.
 * The npm download cache is the machine's, so third-party packages are not fetched again each run.
 */
export function newUser(dir: string, registry: TestRegistry): UserWorld {
  const home = join(dir, 'home');
  const prefix = join(dir, 'prefix');
  mkdirSync(home, { recursive: true });
  mkdirSync(prefix, { recursive: true });
  const base = withoutNpmVariables(process.env);
  const cache = execFileSync('npm', ['config', 'get', 'cache'], { env: base, cwd: tmpdir(), encoding: 'utf8' }).trim();
  const host = registry.url.replace(/^http:/, '');
  writeFileSync(
    join(home, '.npmrc'),
    [
      ...machineNpmSettings(base),
      ...REGISTRY_SCOPES.map((scope) => `${scope}:registry=${registry.url}`),
      `${host}:_authToken=${registry.token}`,
      'audit=false',
      'fund=false',
      'update-notifier=false',
      '',
    ].join('\n'),
  );
  const env = {
    ...base,
    HOME: home,
    PATH: `${join(prefix, 'bin')}:${base.PATH ?? ''}`,
    npm_config_prefix: prefix,
    npm_config_cache: cache,
    NO_COLOR: '1',
    NX_DAEMON: 'false',
  };
  return { home, prefix, env };
}

/**
 * The repository's packages as built, copied (without node_modules) to `dir` with the root's
 * package.json and lerna.json, committed to a new git repository: a release tree the test may bump
 * versions in. lerna publishes from it; the checkout itself is never touched.
 */
export function copyWorkspace(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'lerna.json']) cpSync(join(repoRoot, file), join(dir, file));
  cpSync(join(repoRoot, 'packages'), join(dir, 'packages'), {
    recursive: true,
    filter: (source) =>
      !['node_modules', '.cluster-run'].includes(basename(source)) && !source.endsWith('.tsbuildinfo'),
  });
  // A release is made from a clean checkout: lerna checks that, and resets what it annotates (gitHead).
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  git(dir, ['init', '--quiet']);
  commitAll(dir, 'release tree');
  return dir;
}

function git(dir: string, args: string[]): void {
  execFileSync('git', ['-c', 'user.name=helmts test', '-c', 'user.email=test@helmts.invalid', ...args], {
    cwd: dir,
    stdio: 'pipe',
  });
}

function commitAll(dir: string, message: string): void {
  git(dir, ['add', '--all']);
  git(dir, ['commit', '--quiet', '--no-verify', '-m', message]);
}

/**
 * `lerna publish from-package`, as a release does it: every public package whose version the
 * registry does not have yet (from-package neither tags nor pushes; the copy has no remote anyway).
 */
export function lernaPublish(workspace: string, registry: TestRegistry, env: Record<string, string>): string {
  const lerna = join(repoRoot, 'node_modules', 'lerna', 'dist', 'cli.js');
  const args = ['publish', 'from-package', '--registry', registry.url, '--yes', '--loglevel', 'warn'];
  // lerna packs each package into a folder of its own under the temp directory and leaves it there
  // (14 tarballs per publish): a temp directory of its own, removed afterwards.
  const scratch = mkdtempSync(join(tmpdir(), 'helmts-lerna-publish-'));
  const publish = () =>
    spawnSync(process.execPath, [lerna, ...args], {
      cwd: workspace,
      env: { ...env, CI: 'true', TMPDIR: scratch, TMP: scratch, TEMP: scratch },
      encoding: 'utf8',
      timeout: 300_000,
    });
  try {
    let r = publish();
    // A connection the registry dropped under load: running it again publishes what is still missing.
    if (r.status !== 0 && /ECONNRESET|socket hang up/.test(r.stderr)) r = publish();
    if (r.status !== 0) throw new Error(`lerna ${args.join(' ')}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Sets a package's version in a copied workspace (what `lerna version` would commit). */
export function setVersion(packageDir: string, version: string): void {
  const file = join(packageDir, 'package.json');
  const pjson = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
  pjson.version = version;
  writeFileSync(file, `${JSON.stringify(pjson, null, 2)}\n`);
  commitAll(dirname(dirname(dirname(file))), `${basename(packageDir)} ${version}`);
}

/** The name the third-party test plugin is published under (a scope the test registry serves). */
export const THIRD_PARTY_PLUGIN = '@acme/helmts-plugin-fixture';

/** The name the third-party CommonJS test plugin is published under. */
export const THIRD_PARTY_CJS_PLUGIN = '@acme/helmts-plugin-cjs';

const fixtures = join(repoRoot, 'packages', 'plugin-release', 'test', 'fixtures');

/** Publishes the plugin in `dir` to the test registry under `name` at `version`, as a third party would. */
function publishAs(dir: string, name: string, version: string, registry: TestRegistry, env: Record<string, string>) {
  const file = join(dir, 'package.json');
  const pjson = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete pjson.private;
  Object.assign(pjson, { name, version, license: 'MIT' });
  writeFileSync(file, JSON.stringify(pjson, null, 2));
  execFileSync('npm', ['publish', '--registry', registry.url], { cwd: dir, env, stdio: 'pipe' });
}

/**
 * Publishes core's test plugin (an ES module plugin built on the SDK: `helmts fixture settings`, and
 * `helmts fixture sdk`, which says whether its SDK is the CLI's) to the test registry as a third
 * party would, under its own name, at `version`; `dir` is its working copy.
 */
export function publishThirdPartyPlugin(
  dir: string,
  version: string,
  registry: TestRegistry,
  env: Record<string, string>,
): void {
  cpSync(join(repoRoot, 'packages', 'core', 'test', 'fixtures', 'plugin-fixture'), dir, { recursive: true });
  cpSync(join(fixtures, 'sdk-check', 'sdk.js'), join(dir, 'commands', 'fixture', 'sdk.js'));
  publishAs(dir, THIRD_PARTY_PLUGIN, version, registry, env);
}

/** Publishes a third-party plugin written as CommonJS (`helmts cjs-fixture sdk`) at `version`; `dir` is its working copy. */
export function publishThirdPartyCommonJsPlugin(
  dir: string,
  version: string,
  registry: TestRegistry,
  env: Record<string, string>,
): void {
  cpSync(join(fixtures, 'plugin-cjs'), dir, { recursive: true });
  publishAs(dir, THIRD_PARTY_CJS_PLUGIN, version, registry, env);
}
