import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { moveLeadingGlobalFlags } from '../src/global-flags-first.cjs';
import { resolveSettings } from '../src/sdk/settings.js';
import { runCli } from './run-cli.js';

const WEBAPP = fileURLToPath(new URL('../../plugin-release/test/fixtures/webapp', import.meta.url));

/** Command lines exactly as a Helm 2 user types them. */
describe('Helm 2 command lines', () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-h2cli-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  describe('global flags before the command', () => {
    it('moves leading global flags (with their values) to the end, before a --', () => {
      assert.deepEqual(moveLeadingGlobalFlags(['--debug', '--tiller-namespace', 't', 'list']), [
        'list',
        '--debug',
        '--tiller-namespace',
        't',
      ]);
      assert.deepEqual(moveLeadingGlobalFlags(['--host=h:1', 'get', 'values', 'web', '--', 'x']), [
        'get',
        'values',
        'web',
        '--host=h:1',
        '--',
        'x',
      ]);
      assert.deepEqual(moveLeadingGlobalFlags(['--help']), ['--help']);
      assert.deepEqual(moveLeadingGlobalFlags(['list', '--debug']), ['list', '--debug']);
    });

    it('runs `helmts --home H home` as Helm 2 does', () => {
      const r = runCli(['--home', join(scratch, 'h'), 'home']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `${join(scratch, 'h')}\n`);
    });
  });

  describe('repeatable flags before the chart argument', () => {
    it('keeps ./chart as the argument after -f and --set', () => {
      const values = join(scratch, 'prod.yaml');
      writeFileSync(values, 'greeting: from-file\n');
      const r = runCli(['template', '-f', values, '--set', 'extra=false', WEBAPP]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /from-file/);
    });
  });

  describe("Helm 2's environment", () => {
    it('reads HELM_HOME, HELM_HOST, HELM_DEBUG and TILLER_CONNECTION_TIMEOUT', () => {
      const s = resolveSettings(
        {},
        { HELM_HOME: '/h2', HELM_HOST: 'h2:1', HELM_DEBUG: '1', TILLER_CONNECTION_TIMEOUT: '7' },
      );
      assert.equal(s.home, '/h2');
      assert.equal(s.host, 'h2:1');
      assert.equal(s.debug, true);
      assert.equal(s.tillerConnectionTimeout, 7);
    });

    it('lets the HELMTS_ names win when both are set, and flags win over both', () => {
      const env = { HELM_HOME: '/h2', HELMTS_HOME: '/ts', HELM_HOST: 'h2:1', HELMTS_HOST: 'ts:1' };
      assert.equal(resolveSettings({}, env).home, '/ts');
      assert.equal(resolveSettings({}, env).host, 'ts:1');
      assert.equal(resolveSettings({ host: 'flag:1' }, env).host, 'flag:1');
      assert.equal(resolveSettings({}, { HELM_DEBUG: 'false' }).debug, false);
    });

    it('uses HELM_HOME in a real run', () => {
      const r = runCli(['home'], { HELMTS_HOME: undefined, HELM_HOME: join(scratch, 'helm2-home') });
      assert.equal(r.stdout, `${join(scratch, 'helm2-home')}\n`);
    });
  });

  it('warns before every command about stable/incubator at their old googleapis URLs, as Helm 2.17', () => {
    const home = join(scratch, 'expired');
    mkdirSync(join(home, 'repository'), { recursive: true });
    const file = (stable: string, incubator?: string) =>
      writeFileSync(
        join(home, 'repository', 'repositories.yaml'),
        'apiVersion: v1\ngenerated: "2020-01-01T00:00:00Z"\nrepositories:\n' +
          `- name: stable\n  url: ${stable}\n` +
          (incubator ? `- name: incubator\n  url: ${incubator}\n` : ''),
      );
    const env = { HELMTS_HOME: home };
    file(
      'https://kubernetes-charts.storage.googleapis.com',
      'https://kubernetes-charts-incubator.storage.googleapis.com',
    );
    const r = runCli(['home'], env);
    assert.equal(r.stdout, `${home}\n`);
    assert.equal(
      r.stderr,
      'WARNING: "kubernetes-charts.storage.googleapis.com" is deprecated for "stable" and will be deleted Nov. 13, 2020.\n' +
        'WARNING: You should switch to "https://charts.helm.sh/stable"\n' +
        'WARNING: "kubernetes-charts-incubator.storage.googleapis.com" is deprecated for "incubator" and will be deleted Nov. 13, 2020.\n' +
        'WARNING: You should switch to "https://charts.helm.sh/incubator"\n',
    );
    file('https://charts.helm.sh/stable');
    assert.equal(runCli(['home'], env).stderr, '');
  });

  describe('unknown commands', () => {
    it('suggests the nearest command, in Helm 2 layout', () => {
      const r = runCli(['instal']);
      assert.equal(r.status, 1);
      assert.equal(
        r.stderr,
        'Error: unknown command "instal" for "helmts"\n\nDid you mean this?\n\tinstall\n\nRun \'helmts --help\' for usage.\n',
      );
    });

    it('suggests nothing for a word far from every command', () => {
      const r = runCli(['frobnicate']);
      assert.equal(r.stderr, 'Error: unknown command "frobnicate" for "helmts"\nRun \'helmts --help\' for usage.\n');
      assert.equal(r.status, 1);
    });

    it('suggests command names in Helm 2 order, not aliases (ls, hist)', () => {
      const r = runCli(['lis']);
      assert.equal(
        r.stderr,
        'Error: unknown command "lis" for "helmts"\n\nDid you mean this?\n\tlint\n\tlist\n\nRun \'helmts --help\' for usage.\n',
      );
    });

    it("too few or too many arguments: Helm 2's words and exit 1, not oclif's usage", () => {
      const few = runCli(['plugin', 'install']);
      assert.deepEqual([few.status, few.stdout, few.stderr], [1, '', 'Error: This command needs 1 argument: plugin\n']);
      const many = runCli(['plugin', 'install', 'a', 'b']);
      assert.deepEqual([many.status, many.stderr], [1, 'Error: This command needs 1 argument: plugin\n']);
      const remove = runCli(['plugin', 'remove']);
      assert.deepEqual([remove.status, remove.stderr], [1, 'Error: please provide plugin name to remove\n']);
    });

    it("an unknown flag is pflag's one line and exit 1, not oclif's usage", () => {
      const long = runCli(['version', '-c', '--frob']);
      assert.deepEqual([long.status, long.stdout, long.stderr], [1, '', 'Error: unknown flag: --frob\n']);
      const short = runCli(['version', '-c', '-z']);
      assert.deepEqual([short.status, short.stderr], [1, "Error: unknown shorthand flag: 'z' in -z\n"]);
    });

    it('names the unknown word under a known topic (not "plugin not installed")', () => {
      const r = runCli(['repo', 'updat']);
      assert.equal(r.status, 1);
      assert.equal(
        r.stderr,
        'Error: unknown command "updat" for "helmts repo"\n\nDid you mean this?\n\tupdate\n\nRun \'helmts repo --help\' for usage.\n',
      );
    });
  });

  describe('one-line errors with no cluster or no Tiller', () => {
    let closed: Server;
    let deadPort: number;
    before(async () => {
      // a port that was just free: nothing listens there
      closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      deadPort = (closed.address() as { port: number }).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
    });

    it('version --host to a dead Tiller prints the Client line first, then one error line', () => {
      const r = runCli(['version', '--host', `127.0.0.1:${deadPort}`]);
      assert.equal(r.status, 1);
      assert.match(
        r.stdout,
        /^Client: &version\.Version\{SemVer:"v[^"]+", GitCommit:"[^"]*", GitTreeState:"[^"]*"\}\n$/,
      );
      assert.equal(
        r.stderr,
        `Error: cannot connect to Tiller at 127.0.0.1:${deadPort} (connection refused); check --host/HELM_HOST, or start one with "helmts tiller start"\n`,
      );
    });

    it('version --template renders Go templates over the version structs', () => {
      const r = runCli(['version', '-c', '--template', '{{.Client.SemVer}}|{{.Server}}']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^v\d+\.\d+\.\d+\|<no value>$/);
    });

    it('list with an unreachable Kubernetes API says so in one line, without a stack', () => {
      const kubeconfig = join(scratch, 'kubeconfig');
      mkdirSync(scratch, { recursive: true });
      writeFileSync(
        kubeconfig,
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters: [{name: c, cluster: {server: "http://127.0.0.1:' + deadPort + '"}}]',
          'users: [{name: u, user: {}}]',
          'contexts: [{name: x, context: {cluster: c, user: u}}]',
          'current-context: x',
          '',
        ].join('\n'),
      );
      const r = runCli(['list'], { KUBECONFIG: kubeconfig, HELMTS_HOST: '', HELM_HOST: '' });
      assert.equal(r.status, 1);
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error:') || l.includes('    at '));
      assert.deepEqual(errors, [
        `Error: cannot reach the Kubernetes API at http://127.0.0.1:${deadPort}: ECONNREFUSED 127.0.0.1:${deadPort}; point KUBECONFIG/--kubeconfig at a running cluster, or --host/HELM_HOST at a running Tiller`,
      ]);
    });

    it('with no kubeconfig at all, list and status are one error line (no local-Tiller note first)', () => {
      const emptyHome = join(scratch, 'empty-user-home');
      mkdirSync(emptyHome, { recursive: true });
      // Helm 2's default API server then, as client-node's: http://localhost:8080
      for (const args of [['list'], ['status', 'web']]) {
        const r = runCli(args, { HOME: emptyHome, KUBECONFIG: undefined, HELMTS_HOST: '', HELM_HOST: '' });
        assert.equal(r.status, 1, args.join(' '));
        assert.match(
          r.stderr,
          /^Error: cannot reach the Kubernetes API at http:\/\/localhost:8080: ECONNREFUSED [^\n]+; point KUBECONFIG\/--kubeconfig at a running cluster, or --host\/HELM_HOST at a running Tiller\n$/,
          args.join(' '),
        );
      }
    });

    it('list with a KUBECONFIG that does not exist says so in one line, and runs no local Tiller', () => {
      const missing = join(scratch, 'no-such-kubeconfig');
      const r = runCli(['list'], { KUBECONFIG: missing, HELMTS_HOST: '', HELM_HOST: '' });
      assert.equal(r.status, 1);
      assert.equal(
        r.stderr,
        `Error: cannot reach Kubernetes: no kubeconfig at ${missing}\nHint: point KUBECONFIG or --kubeconfig at an existing file\n`,
      );
    });
  });
});
