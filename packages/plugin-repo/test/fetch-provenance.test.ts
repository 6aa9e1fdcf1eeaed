import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { gpgSigner, helm2Oracle, type GpgSigner } from '@helmts/testkit';

import { helmtsAsync, startFileServer, type CliResult } from './cli.js';

function writeChart(parent: string, name: string, version: string): string {
  const dir = join(parent, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v1\nname: ${name}\nversion: ${version}\ndescription: ${name}\n`);
  writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\n');
  writeFileSync(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  return dir;
}

/** Helm 2 prints the signer as a Go pointer, which differs from run to run. */
const unpointered = (text: string) => text.replace(/&\{0x[0-9a-f]+ /g, '&{0x<signer> ');

/**
 * `fetch --prov`/`--verify` against a chart repository holding signed, tampered and unsigned
 * charts, line by line against the real Helm 2.17: the same output and exit code.
 */
describe('provenance from a repository (fetch --prov/--verify, inspect and dependency update --verify), as Helm 2.17', function () {
  this.timeout(300_000);
  let work: string;
  let helm: string;
  let signer: GpgSigner;
  let stranger: GpgSigner;
  let repo: { url: string; close: () => Promise<void> };
  const homes = { helm2: '', helmts: '' };

  // not spawnSync: the repository is served by this process
  const helm2 = (args: string[], cwd: string): Promise<CliResult> =>
    new Promise((resolve) => {
      const child = spawn(helm, args, {
        cwd,
        env: { ...process.env, HELM_HOME: homes.helm2 },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const ours = (args: string[], cwd: string) => helmtsAsync(args, { HELM_HOME: homes.helmts }, cwd);

  before(async () => {
    helm = join(helm2Oracle(), 'helm');
    work = mkdtempSync(join(tmpdir(), 'helmts-fetch-prov-'));
    homes.helm2 = join(work, 'helm2-home');
    homes.helmts = join(work, 'helmts-home');
    signer = gpgSigner(work, 'Chart Signer', 'signer@example.com');
    stranger = gpgSigner(work, 'Someone Else', 'else@example.com');
    const served = join(work, 'served');
    mkdirSync(served);
    const src = join(work, 'src');
    const sign = ['--sign', '--key', 'Chart Signer', '--keyring', signer.secring, '--save=false', '-d', served];
    for (const [name, version, signed] of [
      ['signed', '0.1.0', true],
      ['tampered', '0.1.0', true],
      ['plain', '0.1.0', false],
    ] as const) {
      const made = await ours(
        ['package', writeChart(src, name, version), ...(signed ? sign : ['--save=false', '-d', served])],
        work,
      );
      assert.equal(made.status, 0, made.stderr);
    }
    // tampered: another archive under the signed one's name, its .prov left as signed
    writeFileSync(join(src, 'tampered', 'values.yaml'), 'greeting: pwned\n');
    const replaced = await ours(['package', join(src, 'tampered'), '--save=false', '-d', served], work);
    assert.equal(replaced.status, 0, replaced.stderr);
    repo = await startFileServer(served);
    const indexed = await ours(['repo', 'index', served, '--url', repo.url], work);
    assert.equal(indexed.status, 0, indexed.stderr);
    for (const run of [helm2, ours]) {
      for (const args of [
        ['init', '--client-only', '--skip-repos'],
        ['repo', 'add', 'signing', repo.url],
      ]) {
        const r = await run(args, work);
        assert.equal(r.status, 0, r.stderr);
      }
    }
  });
  after(async () => {
    await repo?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const lines: Array<{ args: (keys: { good: string; bad: string; url: string }) => string[]; left?: string[] }> = [
    { args: () => ['fetch', 'signing/signed', '--prov'] },
    { args: (k) => ['fetch', 'signing/signed', '--verify', '--keyring', k.good] },
    { args: (k) => ['fetch', 'signing/signed', '--verify', '--prov', '--untar', '--keyring', k.good] },
    { args: (k) => ['fetch', 'signed', '--repo', k.url, '--verify', '--keyring', k.good] },
    { args: (k) => ['fetch', `${k.url}/signed-0.1.0.tgz`, '--verify', '--keyring', k.good] },
    { args: () => ['fetch', 'signing/plain', '--prov'] },
    // refused: Helm 2 leaves the chart (and .prov) behind, and so does helmts
    {
      args: (k) => ['fetch', 'signing/signed', '--verify', '--keyring', k.bad],
      left: ['signed-0.1.0.tgz', 'signed-0.1.0.tgz.prov'],
    },
    {
      args: (k) => ['fetch', 'signing/tampered', '--verify', '--keyring', k.good],
      left: ['tampered-0.1.0.tgz', 'tampered-0.1.0.tgz.prov'],
    },
    { args: (k) => ['fetch', 'signing/plain', '--verify', '--keyring', k.good], left: ['plain-0.1.0.tgz'] },
    {
      args: (k) => ['fetch', 'signing/signed', '--verify', '--keyring', join(k.good, 'absent')],
      left: ['signed-0.1.0.tgz', 'signed-0.1.0.tgz.prov'],
    },
  ];
  for (const keyring of ['good', 'bad'] as const) {
    it(`dependency update --verify with the ${keyring === 'good' ? "signer's" : 'wrong'} keyring`, async () => {
      const parents = { helm2: join(work, `dep-helm2-${keyring}`), helmts: join(work, `dep-helmts-${keyring}`) };
      for (const dir of Object.values(parents)) {
        writeChart(dir, 'parent', '1.0.0');
        writeFileSync(
          join(dir, 'parent', 'requirements.yaml'),
          `dependencies:\n- name: signed\n  version: 0.1.0\n  repository: ${repo.url}\n`,
        );
      }
      const args = (dir: string) => [
        'dependency',
        'update',
        join(dir, 'parent'),
        '--verify',
        '--keyring',
        keyring === 'good' ? signer.pubring : stranger.pubring,
      ];
      const theirs = await helm2(args(parents.helm2), work);
      const mine = await ours(args(parents.helmts), work);
      assert.equal(theirs.status, keyring === 'good' ? 0 : 1, theirs.stderr);
      assert.deepEqual([mine.status, mine.stdout, mine.stderr], [theirs.status, theirs.stdout, theirs.stderr]);
      const charts = (dir: string) =>
        existsSync(join(dir, 'parent', 'charts')) ? readdirSync(join(dir, 'parent', 'charts')).sort() : [];
      assert.deepEqual(charts(parents.helmts), charts(parents.helm2));
    });
  }

  for (const [chart, status] of [
    ['signing/signed', 0],
    ['signing/tampered', 1],
    ['signing/plain', 1],
  ] as const) {
    it(`inspect chart ${chart} --verify`, async () => {
      const args = ['inspect', 'chart', chart, '--verify', '--keyring', signer.pubring];
      const theirs = await helm2(args, work);
      const mine = await ours(args, work);
      assert.equal(theirs.status, status, theirs.stderr);
      assert.deepEqual(
        [mine.status, mine.stdout, mine.stderr.replace('`helmts repo', '`helm repo')],
        [theirs.status, theirs.stdout, theirs.stderr],
      );
    });
  }

  for (const [i, line] of lines.entries()) {
    const shown = line.args({ good: 'PUBRING', bad: 'OTHER', url: 'URL' }).join(' ');
    it(shown, async () => {
      const args = line.args({ good: signer.pubring, bad: stranger.pubring, url: repo.url });
      const [a, b] = [join(work, `helm2-${i}`), join(work, `helmts-${i}`)];
      mkdirSync(a);
      mkdirSync(b);
      const theirs = await helm2(args, a);
      const mine = await ours(args, b);
      assert.deepEqual(
        [mine.status, unpointered(mine.stdout), mine.stderr],
        [theirs.status, unpointered(theirs.stdout), theirs.stderr],
      );
      const left = readdirSync(a).sort();
      if (line.left) {
        assert.equal(theirs.status, 1, theirs.stderr);
        assert.deepEqual(left, line.left, theirs.stderr);
      } else assert.equal(theirs.status, 0, theirs.stderr);
      assert.deepEqual(readdirSync(b).sort(), left);
    });
  }
});
