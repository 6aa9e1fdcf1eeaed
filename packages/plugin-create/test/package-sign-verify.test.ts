import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as openpgp from 'openpgp';

import { DEFAULT_CHOICES } from '../src/scaffold/choices.js';
import { createChart } from '../src/scaffold/create-chart.js';
import { packageChart } from '../src/package/package-chart.js';
import { readKeyring, selectKey } from '../src/provenance/keyring.js';
import { parseProvenanceMessage } from '../src/provenance/message-block.js';
import { signChartArchive, unlockSigningKey } from '../src/provenance/sign-chart-archive.js';
import { verifyChartArchive } from '../src/provenance/verify-chart-archive.js';
import { runHelm } from './helm-oracle.js';
import { runCli } from './run-cli.js';

interface Keyrings {
  pubring: string;
  secring: string;
}

/** An RSA key (readable by every Helm) written as GnuPG binary keyrings: transferable keys, concatenated. */
async function writeKeyrings(dir: string, name: string, email: string, passphrase?: string): Promise<Keyrings> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'rsa',
    rsaBits: 2048,
    userIDs: [{ name, email }],
    passphrase,
    format: 'object',
  });
  const pubring = join(dir, `${name.replaceAll(' ', '-')}-pubring.gpg`);
  const secring = join(dir, `${name.replaceAll(' ', '-')}-secring.gpg`);
  await writeFile(pubring, publicKey.write());
  await writeFile(secring, privateKey.write());
  return { pubring, secring };
}

describe('package, sign and verify', function () {
  this.timeout(120_000);
  let work: string;
  let chartDir: string;
  let keys: Keyrings;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'helmts-package-'));
    keys = await writeKeyrings(work, 'Chart Signer', 'signer@example.com');
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });
  beforeEach(async () => {
    chartDir = join(work, 'charts-src', 'mychart');
    await rm(join(work, 'charts-src'), { recursive: true, force: true });
    await createChart({ path: chartDir, choices: DEFAULT_CHOICES });
  });

  it('packages deterministically, with --version and --app-version applied', async () => {
    const first = packageChart({
      path: chartDir,
      destination: join(work, 'out1'),
      version: '1.2.3',
      appVersion: '9.9',
    });
    const second = packageChart({
      path: chartDir,
      destination: join(work, 'out2'),
      version: '1.2.3',
      appVersion: '9.9',
    });
    assert.match(first, /out1\/mychart-1\.2\.3\.tgz$/);
    assert.deepEqual(await readFile(first), await readFile(second));
    const shown = runHelm(['show', 'chart', first]);
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /^version: 1\.2\.3$/m);
    assert.match(shown.stdout, /^appVersion: "9\.9"$/m);
    assert.equal(runHelm(['lint', first]).status, 0);
  });

  it('refuses a bad --version, a directory named unlike its chart, and missing dependencies', async () => {
    assert.throws(
      () => packageChart({ path: chartDir, destination: work, version: 'one' }),
      /Invalid Semantic Version: one/,
    );
    const renamed = join(work, 'charts-src', 'other');
    await mkdir(renamed);
    await copyFile(join(chartDir, 'Chart.yaml'), join(renamed, 'Chart.yaml'));
    assert.throws(
      () => packageChart({ path: renamed, destination: work }),
      /directory name \(other\) and Chart.yaml name \(mychart\) must match/,
    );
    await writeFile(
      join(chartDir, 'Chart.yaml'),
      `${await readFile(join(chartDir, 'Chart.yaml'), 'utf8')}dependencies:\n  - name: redis\n    version: 1.x\n    repository: https://example.com\n`,
    );
    assert.throws(() => packageChart({ path: chartDir, destination: work }), /redis/);
  });

  it('signs as Helm does; our verify accepts it and rejects a tampered archive with the reason', async () => {
    const archive = packageChart({ path: chartDir, destination: join(work, 'signed') });
    const key = selectKey(await readKeyring(keys.secring), 'Chart Signer');
    assert.ok(key);
    const prov = await signChartArchive(
      archive,
      await unlockSigningKey(key, { passphrase: async () => assert.fail('not protected') }),
    );
    await writeFile(`${archive}.prov`, prov);
    assert.match(
      prov,
      /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\napiVersion: v2\n[\s\S]*\nversion: 0\.1\.0\n\n\.\.\.\nfiles:\n {2}mychart-0\.1\.0\.tgz: sha256:[0-9a-f]{64}\n-----BEGIN PGP SIGNATURE-----\n/,
    );
    const verified = await verifyChartArchive(archive, await readKeyring(keys.pubring));
    assert.equal(verified.signedBy, 'Chart Signer <signer@example.com>');
    assert.match(verified.fileHash, /^sha256:[0-9a-f]{64}$/);

    const data = await readFile(archive);
    data[data.length - 5] ^= 0xff;
    await writeFile(archive, data);
    await assert.rejects(
      verifyChartArchive(archive, await readKeyring(keys.pubring)),
      /sha256 sum does not match for mychart-0\.1\.0\.tgz: "sha256:[0-9a-f]{64}" != "sha256:[0-9a-f]{64}"/,
    );
  });

  it('rejects an altered provenance file and a signer missing from the keyring', async () => {
    const archive = packageChart({ path: chartDir, destination: join(work, 'altered') });
    const key = selectKey(await readKeyring(keys.secring), 'signer@example.com');
    assert.ok(key);
    const prov = await signChartArchive(archive, await unlockSigningKey(key, { passphrase: async () => '' }));
    await writeFile(`${archive}.prov`, prov.replace('version: 0.1.0', 'version: 0.1.1'));
    await assert.rejects(verifyChartArchive(archive, await readKeyring(keys.pubring)), /invalid signature/);
    await writeFile(`${archive}.prov`, prov);
    const stranger = await writeKeyrings(work, 'Someone Else', 'else@example.com');
    await assert.rejects(
      verifyChartArchive(archive, await readKeyring(stranger.pubring)),
      /signature made by unknown entity/,
    );
  });

  it('the real helm verify accepts our .prov, and our verify accepts the real helm package --sign', async () => {
    const ours = join(work, 'interop-ours');
    const cli = runCli([
      'package',
      '--save=false',
      chartDir,
      '-d',
      ours,
      '--sign',
      '--key',
      'Chart Signer',
      '--keyring',
      keys.secring,
    ]);
    assert.equal(cli.status, 0, cli.stderr);
    const archive = join(ours, 'mychart-0.1.0.tgz');
    assert.equal(cli.stdout, `Successfully packaged chart and saved it to: ${archive}\n`);
    const helmVerify = runHelm(['verify', archive, '--keyring', keys.pubring]);
    assert.equal(helmVerify.status, 0, helmVerify.stdout + helmVerify.stderr);
    assert.match(helmVerify.stdout, /Signed by: Chart Signer <signer@example.com>/);
    const ourVerify = runCli(['verify', archive, '--keyring', keys.pubring]);
    assert.equal(ourVerify.status, 0, ourVerify.stderr);
    assert.match(
      ourVerify.stdout,
      /^Signed by: Chart Signer <signer@example\.com>\nUsing Key With Fingerprint: [0-9A-F]{40}\nChart Hash Verified: sha256:[0-9a-f]{64}\n$/,
    );

    const theirs = join(work, 'interop-helm');
    const helmPackage = runHelm([
      'package',
      chartDir,
      '-d',
      theirs,
      '--sign',
      '--key',
      'Chart Signer',
      '--keyring',
      keys.secring,
    ]);
    assert.equal(helmPackage.status, 0, helmPackage.stderr);
    const helmArchive = join(theirs, 'mychart-0.1.0.tgz');
    const verified = await verifyChartArchive(helmArchive, await readKeyring(keys.pubring));
    assert.equal(verified.signedBy, 'Chart Signer <signer@example.com>');
    // Same signed metadata as Helm's (the archives differ: Helm's are not reproducible).
    const helmMessage = await openpgp.readCleartextMessage({
      cleartextMessage: await readFile(`${helmArchive}.prov`, 'utf8'),
    });
    const ourMessage = await openpgp.readCleartextMessage({
      cleartextMessage: await readFile(`${archive}.prov`, 'utf8'),
    });
    assert.deepEqual(
      parseProvenanceMessage(ourMessage.getText()).metadata,
      parseProvenanceMessage(helmMessage.getText()).metadata,
    );
    assert.equal(ourMessage.getText().split('\n...\n')[0], helmMessage.getText().split('\n...\n')[0]);

    const tampered = await readFile(archive);
    tampered[20] ^= 0x01;
    await writeFile(archive, tampered);
    const failed = runCli(['verify', archive, '--keyring', keys.pubring]);
    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /^Error: sha256 sum does not match for mychart-0\.1\.0\.tgz/);
    assert.notEqual(runHelm(['verify', archive, '--keyring', keys.pubring]).status, 0);
  });

  it('unlocks a passphrase-protected key from HELMTS_KEY_PASSPHRASE, and says so when it is wrong', async () => {
    const locked = await writeKeyrings(work, 'Locked Signer', 'locked@example.com', 'sesame');
    const out = join(work, 'locked');
    const wrong = runCli(
      ['package', '--save=false', chartDir, '-d', out, '--sign', '--key', 'Locked', '--keyring', locked.secring],
      {
        env: { HELMTS_KEY_PASSPHRASE: 'nope' },
      },
    );
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /cannot unlock the signing key/);
    const right = runCli(
      ['package', '--save=false', chartDir, '-d', out, '--sign', '--key', 'Locked', '--keyring', locked.secring],
      {
        env: { HELMTS_KEY_PASSPHRASE: 'sesame' },
      },
    );
    assert.equal(right.status, 0, right.stderr);
    assert.equal(runHelm(['verify', join(out, 'mychart-0.1.0.tgz'), '--keyring', locked.pubring]).status, 0);
  });
});
