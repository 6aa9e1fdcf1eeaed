// `helmts registry login|logout` against a real registry that wants credentials: CNCF Distribution
// with htpasswd (Basic) auth, started on 127.0.0.1 by scripts/local-cluster.sh in a state dir of
// its own. Without login, push and fetch oci:// say in one line to log in; with it, they work, and
// so does `npm run tiller-image -- --push`; the real helm v4 reads the same config.json.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import bcrypt from 'bcryptjs';

import { helm, helmBinary, helmts, type CliResult } from './cli.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/local-cluster.sh', import.meta.url));
const CLI = fileURLToPath(new URL('../../core/bin/run.cjs', import.meta.url));
const TILLER_IMAGE = fileURLToPath(new URL('../../tiller-image/dist/bin/tiller-image.js', import.meta.url));

describe('registry login/logout against a registry that wants credentials', function () {
  this.timeout(300_000);
  let work: string;
  let registry: string;
  let config: string;
  let chart: string;
  let env: Record<string, string>;
  const script = (...args: string[]) =>
    execFileSync('bash', [SCRIPT, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        HELMTS_CLUSTER_DIR: join(work, 'state'),
        HELMTS_REGISTRY_HTPASSWD: join(work, 'htpasswd'),
      },
    }).trim();
  /** helmts with `input` on its standard input (--password-stdin). */
  const helmtsWithInput = (args: string[], input: string): CliResult => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      input,
      env: { ...process.env, NO_COLOR: '1', ...env },
      timeout: 120_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const oneLine = (r: CliResult) => {
    assert.equal(r.status, 1, r.stdout);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    return r.stderr;
  };

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'helmts-registry-login-'));
    writeFileSync(join(work, 'htpasswd'), `ci:${bcrypt.hashSync('s3cret pass', 10)}\n`);
    registry = script('registry');
    config = join(work, 'registry-config.json');
    env = { HELMTS_HOME: join(work, 'home'), HELMTS_REGISTRY_CONFIG: config };
    const src = join(work, 'src');
    mkdirSync(src);
    assert.equal(helmts(['create', join(src, 'web')], env).status, 0);
    const r = helmts(['package', join(src, 'web'), '-d', work], env);
    assert.equal(r.status, 0, r.stderr);
    chart = join(work, 'web-0.1.0.tgz');
  });

  after(() => {
    script('registry-stop');
    rmSync(work, { recursive: true, force: true });
  });

  it('without login, push says in one line that the registry wants credentials and how to give them', () => {
    const stderr = oneLine(helmts(['push', chart, `oci://${registry}/charts`], env));
    assert.match(
      stderr,
      new RegExp(
        `^Error: pushing ${registry}/charts/web:0\\.1\\.0: .*HTTP 401 .*\\(the registry wants credentials: "helmts registry login ${registry}"\\)\\n`,
      ),
    );
  });

  it('login with a wrong password fails in one line and stores nothing', () => {
    const stderr = oneLine(helmtsWithInput(['registry', 'login', registry, '-u', 'ci', '--password-stdin'], 'wrong\n'));
    assert.match(
      stderr,
      new RegExp(`^Error: login to ${registry} failed: the registry refused user "ci" \\(HTTP 401\\)\\n`),
    );
    assert.throws(() => statSync(config), /ENOENT/);
  });

  it('login stores Docker-style credentials (owner only); push, fetch oci:// and tiller-image --push use them', () => {
    const login = helmtsWithInput(['registry', 'login', registry, '-u', 'ci', '--password-stdin'], 's3cret pass\n');
    assert.equal(login.status, 0, login.stderr);
    assert.equal(login.stdout, 'Login Succeeded\n');
    const stored = JSON.parse(readFileSync(config, 'utf8')) as { auths: Record<string, { auth: string }> };
    assert.deepEqual(stored, { auths: { [registry]: { auth: Buffer.from('ci:s3cret pass').toString('base64') } } });
    assert.equal(statSync(config).mode & 0o777, 0o600);

    const push = helmts(['push', chart, `oci://${registry}/charts`], env);
    assert.equal(push.status, 0, push.stderr);
    assert.match(
      push.stderr,
      new RegExp(`^Pushed: ${registry}/charts/web:0\\.1\\.0\\nDigest: sha256:[0-9a-f]{64}\\n$`),
    );
    const into = join(work, 'fetched');
    mkdirSync(into);
    const fetched = helmts(['fetch', `oci://${registry}/charts/web`, '--version', '0.1.0', '-d', into], env);
    assert.equal(fetched.status, 0, fetched.stderr);
    assert.deepEqual(readFileSync(join(into, 'web-0.1.0.tgz')), readFileSync(chart));

    const image = spawnSync(
      process.execPath,
      [
        TILLER_IMAGE,
        '--out',
        join(work, 'tiller.tar'),
        '--push',
        `${registry}/helmts/tiller:auth`,
        '--registry-config',
        config,
      ],
      { encoding: 'utf8', timeout: 240_000 },
    );
    assert.equal(image.status, 0, image.stderr);
    assert.match(image.stdout, new RegExp(`\\n  pushed ${registry}/helmts/tiller:auth@sha256:[0-9a-f]{64} `));
  });

  it('the real helm v4 pulls with the same config.json', function () {
    const bin = helmBinary();
    if (!bin) this.skip();
    const into = join(work, 'helm-pulled');
    mkdirSync(into);
    const r = helm(
      bin!,
      [
        'pull',
        `oci://${registry}/charts/web`,
        '--version',
        '0.1.0',
        '--plain-http',
        '--registry-config',
        config,
        '-d',
        into,
      ],
      join(work, 'helm-homes'),
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(into), ['web-0.1.0.tgz']);
  });

  it('logout forgets them: fetch says to log in again; a second logout says it was not logged in', () => {
    const logout = helmts(['registry', 'logout', registry], env);
    assert.equal(logout.status, 0, logout.stderr);
    assert.equal(logout.stderr, `Removing login credentials for ${registry}\n`);
    assert.deepEqual(JSON.parse(readFileSync(config, 'utf8')), { auths: {} });
    const into = join(work, 'after-logout');
    mkdirSync(into);
    const stderr = oneLine(helmts(['fetch', `oci://${registry}/charts/web`, '--version', '0.1.0', '-d', into], env));
    assert.match(stderr, new RegExp(`HTTP 401 .*"helmts registry login ${registry}"`));
    assert.match(
      oneLine(helmts(['registry', 'logout', registry], env)),
      new RegExp(`^Error: not logged in to ${registry} `),
    );
  });
});
