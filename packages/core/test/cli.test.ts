import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CLI, runCli } from './run-cli.js';

describe('helmts core CLI', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-core-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('shows help with the core commands', () => {
    const r = runCli(['--help']);
    assert.equal(r.status, 0, r.stderr);
    for (const command of ['version', 'home', 'init', 'env', 'plugins'])
      assert.match(r.stdout, new RegExp(`\\n  ${command} `));
  });

  it('prints the client version as JSON', () => {
    const r = runCli(['version', '--client', '-o', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.deepEqual(JSON.parse(r.stdout), {
      client: { semVer: `v${pjson.version}`, gitCommit: '', gitTreeState: '' },
    });
  });

  it("answers --version and -v before loading oclif, with exactly oclif's text", () => {
    // HELMTS_OCLIF_VERSION=1 turns bin/run.cjs's early answer off, so oclif prints its own
    const oclif = runCli(['--version'], { HELMTS_OCLIF_VERSION: '1' });
    assert.equal(oclif.status, 0, oclif.stderr);
    assert.match(oclif.stdout, /^@helmts\/core\/\d+\.\d+\.\d+\S* \S+-\S+ node-v\d+/);
    for (const flag of ['--version', '-v']) {
      const fast = runCli([flag]);
      assert.equal(fast.status, 0, fast.stderr);
      assert.equal(fast.stdout, oclif.stdout);
      assert.equal(fast.stderr, '');
    }
  });

  it('never takes a missing argument from standard input, as Helm 2 does not (echo name | helmts create)', () => {
    // oclif would read a piped stdin into a missing argument: a chart named after it, here
    const r = spawnSync(process.execPath, [CLI, 'create'], {
      cwd: scratch,
      input: 'piped-chart\n',
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.deepEqual([r.status, r.stderr], [1, 'Error: the name of the new chart is required\n']);
    assert.equal(existsSync(join(scratch, 'piped-chart')), false);
  });

  it('prints the client version in Helm 2 format', () => {
    const r = runCli(['version', '-c']);
    assert.match(r.stdout, /^Client: &version\.Version\{SemVer:"v\d+\.\d+\.\d+", GitCommit:"", GitTreeState:""\}\n$/);
  });

  it("takes Helm 2's --flag=true / --flag=false for boolean flags (pflag), as the bare flag / its absence", () => {
    const short = runCli(['version', '-c', '--short']).stdout;
    const long = runCli(['version', '-c']).stdout;
    assert.notEqual(short, long);
    assert.equal(runCli(['version', '-c', '--short=true']).stdout, short);
    assert.equal(runCli(['version', '-c', '--short=false']).stdout, long);
    const maybe = runCli(['version', '-c', '--short=maybe']);
    assert.deepEqual(
      [maybe.status, maybe.stderr],
      [1, 'Error: invalid argument "maybe" for "--short" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n'],
    );
  });

  it('version --server with no kubeconfig to find Tiller with: one error line and its hint', () => {
    const r = runCli(['version', '--server'], { HELMTS_HOST: '', KUBECONFIG: '/nonexistent/kubeconfig' });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^Error: cannot reach Kubernetes: no kubeconfig at \/nonexistent\/kubeconfig\nHint: point KUBECONFIG or --kubeconfig at an existing file\n$/,
    );
  });

  it('version with no kubeconfig: the Client line first, then the error, exit 1 (as Helm 2)', () => {
    const r = runCli(['version'], { HELMTS_HOST: '', KUBECONFIG: '/nonexistent/kubeconfig' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^Client: &version\.Version\{[^\n]+\}\n$/);
    assert.match(r.stderr, /^Error: cannot reach Kubernetes: no kubeconfig at \/nonexistent\/kubeconfig\n/);
  });

  it('prints HELMTS_HOME from the flag, the environment and the default', () => {
    assert.equal(runCli(['home', '--home', '/tmp/from-flag']).stdout, '/tmp/from-flag\n');
    assert.equal(runCli(['home'], { HELMTS_HOME: '/tmp/from-env' }).stdout, '/tmp/from-env\n');
    assert.match(runCli(['home'], { HELMTS_HOME: '' }).stdout, /\/\.helmts\n$/);
  });

  it("init --client-only creates Helm 2's home layout and is idempotent", () => {
    const home = join(scratch, 'home');
    const first = runCli(['init', '--client-only', '--home', home]);
    assert.equal(first.status, 0, first.stderr);
    for (const dir of ['repository', 'repository/cache', 'repository/local', 'cache/archive', 'starters', 'plugins']) {
      assert.ok(existsSync(join(home, dir)), `${dir} missing`);
    }
    assert.match(readFileSync(join(home, 'repository/repositories.yaml'), 'utf8'), /^apiVersion: v1\n/);
    const second = runCli(['init', '--client-only', '--home', home]);
    assert.equal(second.status, 0);
    assert.doesNotMatch(second.stdout, /Creating/);
  });

  it('prints the effective settings', () => {
    const r = runCli(['env', '-o', 'json', '--tiller-namespace', 'ops'], { HELMTS_HOST: 'tiller.example:44134' });
    const env = JSON.parse(r.stdout);
    assert.equal(env.TILLER_NAMESPACE, 'ops');
    assert.equal(env.HELMTS_HOST, 'tiller.example:44134');
  });

  it('names the official plugin and the exact install line for a command it provides', () => {
    const r = runCli(['install', 'mychart'], { HELMTS_CORE_ONLY: '1', HELMTS_DATA_DIR: join(scratch, 'data-empty') });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /"install" is provided by the plugin @helmts\/plugin-release, which is not installed/);
    assert.match(r.stderr, /helmts plugins install @helmts\/plugin-release/);
  });

  it('says plainly that an unknown command is unknown', () => {
    const r = runCli(['frobnicate'], { HELMTS_CORE_ONLY: '1', HELMTS_DATA_DIR: join(scratch, 'data-empty') });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /unknown command "frobnicate" for "helmts"/);
    assert.doesNotMatch(r.stderr, /plugins install/);
  });
});
