import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { gpgSigner, helm2Oracle, HELMTS_BIN, type GpgSigner, type HelmtsResult } from '@helmts/testkit';

import { useTiller } from './tiller-fixture.js';
import { freePort } from '@helmts/testkit';

function writeChart(parent: string, name: string, greeting: string): string {
  const dir = join(parent, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v1\nname: ${name}\nversion: 0.1.0\ndescription: ${name}\n`);
  writeFileSync(join(dir, 'values.yaml'), `greeting: ${greeting}\n`);
  writeFileSync(
    join(dir, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
  );
  return dir;
}

/**
 * `install`/`upgrade --verify` as Helm 2.17: a signed chart from a repository or from disk installs;
 * a chart whose provenance does not check out is refused before Tiller is asked, in Helm 2's
 * words (the real helm 2.17 is run on each refusal, against a Tiller it never reaches).
 */
describe('install and upgrade --verify @cluster', function () {
  this.timeout(300_000);
  const t = useTiller('verify-apps');
  const { ns, helmts } = t;
  let serve: ChildProcess | undefined;
  let signer: GpgSigner;
  let stranger: GpgSigner;
  let served: string;
  let local: string;

  /** The real Helm 2.17, its Tiller address a closed port: refusals happen before it is needed. */
  const helm2 = (args: string[]): Promise<HelmtsResult> =>
    new Promise((resolve) => {
      const child = spawn(join(helm2Oracle(), 'helm'), args, {
        env: { ...process.env, HELM_HOME: join(t.home, 'helm2-home'), HELM_HOST: '127.0.0.1:9' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  before(async () => {
    signer = gpgSigner(t.home, 'Chart Signer', 'signer@example.com');
    stranger = gpgSigner(t.home, 'Someone Else', 'else@example.com');
    served = join(t.home, 'served');
    local = join(t.home, 'local');
    mkdirSync(served);
    mkdirSync(local);
    const src = join(t.home, 'src');
    const sign = ['--sign', '--key', 'Chart Signer', '--keyring', signer.secring, '--save=false'];
    for (const args of [
      ['package', writeChart(src, 'signed', 'hello'), ...sign, '-d', served],
      ['package', writeChart(src, 'tampered', 'hello'), ...sign, '-d', served],
      ['package', join(src, 'signed'), ...sign, '-d', local],
    ]) {
      const r = await helmts(args);
      assert.equal(r.status, 0, r.stderr);
    }
    // another archive under the signed one's name, its .prov left as signed
    writeChart(src, 'tampered', 'pwned');
    const replaced = await helmts(['package', join(src, 'tampered'), '--save=false', '-d', served]);
    assert.equal(replaced.status, 0, replaced.stderr);
    copyFileSync(join(served, 'tampered-0.1.0.tgz'), join(local, 'tampered-0.1.0.tgz'));
    copyFileSync(join(served, 'tampered-0.1.0.tgz.prov'), join(local, 'tampered-0.1.0.tgz.prov'));

    const address = `127.0.0.1:${await freePort()}`;
    serve = spawn(process.execPath, [HELMTS_BIN, 'serve', '--address', address, '--repo-path', served], {
      env: { ...process.env, HELMTS_HOME: t.home },
      stdio: 'ignore',
    });
    const url = `http://${address}/charts`;
    for (let i = 0; ; i++) {
      if (
        await fetch(`${url}/index.yaml`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 100) throw new Error(`${url} did not come up`);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const run of [helmts, helm2]) {
      for (const args of [
        ['init', '--client-only', '--skip-repos'],
        ['repo', 'add', 'signing', url],
      ]) {
        const r = await run(args);
        assert.equal(r.status, 0, r.stderr);
      }
    }
  });
  after(() => serve?.kill());

  it('installs a signed chart from a repository and from disk, and upgrades it, with --verify', async () => {
    const install = await helmts([
      'install',
      'signing/signed',
      '--verify',
      '--keyring',
      signer.pubring,
      '--name',
      'verified',
      '--namespace',
      ns,
    ]);
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stdout, /STATUS: DEPLOYED/);
    const upgrade = await helmts([
      'upgrade',
      'verified',
      join(local, 'signed-0.1.0.tgz'),
      '--verify',
      '--keyring',
      signer.pubring,
      '--set',
      'greeting=again',
    ]);
    assert.equal(upgrade.status, 0, upgrade.stderr);
    const cm = await t.core.readNamespacedConfigMap({ name: 'verified-config', namespace: ns });
    assert.equal(cm.data?.greeting, 'again');
  });

  const refusals: Array<[string, (keys: { good: string; bad: string }) => string[]]> = [
    ['a tampered chart from a repository', (k) => ['install', 'signing/tampered', '--verify', '--keyring', k.good]],
    ['a signer not in the keyring', (k) => ['install', 'signing/signed', '--verify', '--keyring', k.bad]],
    [
      'a tampered chart on disk',
      (k) => ['install', join(local, 'tampered-0.1.0.tgz'), '--verify', '--keyring', k.good],
    ],
    ['a chart directory', (k) => ['install', join(t.home, 'src', 'signed'), '--verify', '--keyring', k.good]],
    [
      'upgrade to a tampered chart',
      (k) => ['upgrade', 'verified', 'signing/tampered', '--verify', '--keyring', k.good],
    ],
    [
      'upgrade from disk, unknown signer',
      (k) => ['upgrade', 'verified', join(local, 'signed-0.1.0.tgz'), '--verify', '--keyring', k.bad],
    ],
  ];
  for (const [what, line] of refusals) {
    it(`refuses ${what} as Helm 2 does`, async () => {
      const args = line({ good: signer.pubring, bad: stranger.pubring });
      const theirs = await helm2(args);
      const ours = await helmts([...args, ...(args[0] === 'install' ? ['--namespace', ns] : [])]);
      assert.equal(theirs.status, 1, theirs.stderr);
      assert.deepEqual(
        [ours.status, ours.stdout, ours.stderr.replace('`helmts repo update`', '`helm repo update`')],
        [theirs.status, theirs.stdout, theirs.stderr],
      );
    });
  }

  it('says why with --debug, and installed nothing', async () => {
    const r = await helmts(['install', 'signing/tampered', '--verify', '--keyring', signer.pubring, '--debug']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /sha256 sum does not match for tampered-0\.1\.0\.tgz/);
    const list = await helmts(['list', '-q', '--all']);
    assert.equal(list.stdout, 'verified\n');
  });
});
