import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseProvenanceMessage } from '@helmts/repo';
import { gpgSigner, type GpgSigner } from '@helmts/testkit';

import { createChart } from '../src/scaffold/create-chart.js';
import { packageChart } from '../src/package/package-chart.js';
import { buildHelm2Oracle, runHelm, runHelm2 } from './helm-oracle.js';
import { runCli } from './run-cli.js';

/** The signed text of a .prov file (between the armor headers), and its signature block. */
function splitProv(prov: string): { message: string; signature: string } {
  const match =
    /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n([\s\S]*)\n(-----BEGIN PGP SIGNATURE-----\n[\s\S]*-----END PGP SIGNATURE-----)$/.exec(
      prov,
    );
  assert.ok(match, `not a clear-signed provenance file:\n${prov}`);
  return { message: match[1], signature: match[2] };
}

describe('package, sign and verify', function () {
  this.timeout(180_000);
  let work: string;
  let chartDir: string;
  let signer: GpgSigner;
  let stranger: GpgSigner;
  before(async function () {
    this.timeout(900_000);
    buildHelm2Oracle();
    work = await mkdtemp(join(tmpdir(), 'helmts-package-'));
    // keys as a chart author makes them: GnuPG, exported as the keyrings Helm 2 reads
    signer = gpgSigner(work, 'Chart Signer', 'signer@example.com');
    stranger = gpgSigner(work, 'Someone Else', 'else@example.com');
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });
  beforeEach(async () => {
    chartDir = join(work, 'charts-src', 'mychart');
    await rm(join(work, 'charts-src'), { recursive: true, force: true });
    await mkdir(join(work, 'charts-src'));
    await createChart({ path: chartDir });
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
    assert.equal(runHelm2(['lint', first]).status, 0);
  });

  it('refuses a bad --version, a directory named unlike its chart, and missing dependencies', async () => {
    assert.throws(
      () => packageChart({ path: chartDir, destination: work, version: 'one' }),
      /^HelmtsError: Invalid Semantic Version$/,
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

  it("writes Helm 2.17's .prov: the real helm verify accepts ours, ours accepts helm package --sign's", async () => {
    // a chart with every kind of metadata, so the signed YAML is compared field by field
    await writeFile(
      join(chartDir, 'Chart.yaml'),
      'apiVersion: v1\nname: mychart\nversion: 0.1.0\nappVersion: "1.0"\ndescription: "A chart: with a colon"\n' +
        'keywords: [web, "1.0"]\nhome: https://example.com\nsources: [https://example.com/src]\n' +
        'maintainers:\n  - name: Ann\n    email: ann@example.com\nicon: https://example.com/i.png\n' +
        'engine: gotpl\ntillerVersion: ">=2.0.0"\nkubeVersion: ">=1.10.0"\ndeprecated: false\n' +
        'annotations:\n  team: web\n',
    );
    const ours = join(work, 'interop-ours');
    const theirs = join(work, 'interop-helm2');
    await mkdir(theirs); // Helm 2 packages only into an existing directory
    const sign = ['--save=false', chartDir, '--sign', '--key', 'Chart Signer', '--keyring', signer.secring];
    const cli = runCli(['package', ...sign, '-d', ours]);
    assert.equal(cli.status, 0, cli.stderr);
    const helm = runHelm2(['package', ...sign, '-d', theirs]);
    assert.equal(helm.status, 0, helm.stderr);
    assert.equal(cli.stdout, helm.stdout.replace(theirs, ours));

    const archive = join(ours, 'mychart-0.1.0.tgz');
    const helmArchive = join(theirs, 'mychart-0.1.0.tgz');
    for (const [what, result] of [
      ['helm verify ours', runHelm2(['verify', archive, '--keyring', signer.pubring])],
      ['helmts verify ours', runCli(['verify', archive, '--keyring', signer.pubring])],
      ['helmts verify helm', runCli(['verify', helmArchive, '--keyring', signer.pubring])],
      ['helm verify helm', runHelm2(['verify', helmArchive, '--keyring', signer.pubring])],
    ] as const) {
      assert.deepEqual([result.status, result.stdout, result.stderr], [0, '', ''], what);
    }
    // Same layout and signed metadata, byte for byte; only the archive's digest (Helm 2's archives
    // carry timestamps) and the signature differ.
    const ourProv = splitProv(await readFile(`${archive}.prov`, 'utf8'));
    const helmProv = splitProv(await readFile(`${helmArchive}.prov`, 'utf8'));
    const digestless = (message: string) => message.replace(/sha256:[0-9a-f]{64}$/, 'sha256:<digest>');
    assert.equal(digestless(ourProv.message), digestless(helmProv.message));
    // lines starting with "-" are dash-escaped ("- -") in a clear-signed message
    const { metadata } = parseProvenanceMessage(ourProv.message.replace(/^- /gm, ''));
    assert.deepEqual(metadata.maintainers, [{ name: 'Ann', email: 'ann@example.com' }]);
    assert.match(ourProv.message, /^keywords:\n- - web\n- - "1\.0"\n/m);
  });

  it("refuses what Helm 2's verify refuses, in its words and exit code", async () => {
    const dir = join(work, 'refusals');
    assert.equal(
      runCli(['package', '--save=false', chartDir, '-d', dir, '--sign', '--key', 'signer', '--keyring', signer.secring])
        .status,
      0,
    );
    const archive = join(dir, 'mychart-0.1.0.tgz');
    const prov = await readFile(`${archive}.prov`, 'utf8');
    const cases = join(dir, 'cases');
    await mkdir(cases);
    const variant = async (name: string, archiveData: Buffer | undefined, provText: string | undefined) => {
      await mkdir(join(cases, name));
      const path = join(cases, name, 'mychart-0.1.0.tgz');
      if (archiveData) await writeFile(path, archiveData);
      if (provText !== undefined) await writeFile(`${path}.prov`, provText);
      return path;
    };
    const data = await readFile(archive);
    const tampered = Buffer.concat([data, Buffer.from('x')]);
    const lines: Array<[string, string[]]> = [
      ['archive changed', ['verify', await variant('changed', tampered, prov), '--keyring', signer.pubring]],
      [
        'metadata changed',
        [
          'verify',
          await variant('meta', data, prov.replace('name: mychart', 'name: yourchart')),
          '--keyring',
          signer.pubring,
        ],
      ],
      ['unknown signer', ['verify', archive, '--keyring', stranger.pubring]],
      ['no .prov', ['verify', await variant('noprov', data, undefined), '--keyring', signer.pubring]],
      ['not signed', ['verify', await variant('unsigned', data, 'hello\n'), '--keyring', signer.pubring]],
      ['a directory', ['verify', chartDir, '--keyring', signer.pubring]],
      ['not a .tgz', ['verify', join(chartDir, 'Chart.yaml'), '--keyring', signer.pubring]],
      ['no archive', ['verify', join(cases, 'absent.tgz'), '--keyring', signer.pubring]],
      ['no keyring', ['verify', archive, '--keyring', join(cases, 'absent.gpg')]],
      ['not a keyring', ['verify', archive, '--keyring', join(chartDir, 'values.yaml')]],
      ['renamed archive', ['verify', await copyAs(archive, join(cases, 'renamed.tgz')), '--keyring', signer.pubring]],
      ['sign without --key', ['package', '--save=false', chartDir, '-d', cases, '--sign', '--keyring', signer.secring]],
      [
        'no such key',
        ['package', '--save=false', chartDir, '-d', cases, '--sign', '--key', 'Nobody', '--keyring', signer.secring],
      ],
      [
        'public keyring',
        ['package', '--save=false', chartDir, '-d', cases, '--sign', '--key', 'Chart', '--keyring', signer.pubring],
      ],
      [
        'ambiguous key',
        [
          'package',
          '--save=false',
          chartDir,
          '-d',
          cases,
          '--sign',
          '--key',
          'example.com',
          '--keyring',
          await concat(join(cases, 'both.gpg'), signer.secring, stranger.secring),
        ],
      ],
    ];
    for (const [what, args] of lines) {
      const helm = runHelm2(args);
      const ours = runCli(args);
      assert.equal(helm.status, 1, `${what}: helm exits 1 (${helm.stderr})`);
      assert.deepEqual([ours.status, ours.stdout, ours.stderr], [helm.status, helm.stdout, helm.stderr], what);
    }
  });

  it('unlocks a passphrase-protected key from HELMTS_KEY_PASSPHRASE, and says so when it is wrong', async () => {
    const locked = gpgSigner(work, 'Locked Signer', 'locked@example.com', 'sesame');
    const out = join(work, 'locked');
    const sign = [
      'package',
      '--save=false',
      chartDir,
      '-d',
      out,
      '--sign',
      '--key',
      'Locked',
      '--keyring',
      locked.secring,
    ];
    const noTerminal = runCli(sign);
    assert.equal(noTerminal.status, 1);
    assert.match(
      noTerminal.stderr,
      /^Error: the key "Locked Signer <locked@example\.com>" is protected by a passphrase and there is no terminal/,
    );
    const wrong = runCli(sign, { env: { HELMTS_KEY_PASSPHRASE: 'nope' } });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /cannot unlock the signing key/);
    const right = runCli(sign, { env: { HELM_KEY_PASSPHRASE: 'sesame' } });
    assert.equal(right.status, 0, right.stderr);
    assert.equal(runHelm2(['verify', join(out, 'mychart-0.1.0.tgz'), '--keyring', locked.pubring]).status, 0);
  });
});

async function copyAs(from: string, to: string): Promise<string> {
  await copyFile(from, to);
  await copyFile(`${from}.prov`, `${to}.prov`);
  return to;
}

async function concat(to: string, ...files: string[]): Promise<string> {
  await writeFile(to, Buffer.concat(await Promise.all(files.map((file) => readFile(file)))));
  return to;
}
