import assert from 'node:assert/strict';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { helmts } from './cli.js';

/**
 * A downloader plugin for s3:// that reads `s3://bucket/<path>` from $S3_ROOT/<path>, and logs
 * each call's arguments (cert, key and CA files, then the URL) so the test can see it was used.
 */
const GET_SCRIPT = `#!/bin/sh
echo "$*" >> "$S3_CALLS"
path="\${4#s3://bucket/}"
if [ ! -f "$S3_ROOT/$path" ]; then
  echo "NoSuchKey: $4" >&2
  exit 3
fi
cat "$S3_ROOT/$path"
`;

function writeChart(parent: string, name: string, version: string): string {
  const dir = join(parent, name);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(
    join(dir, 'Chart.yaml'),
    `apiVersion: v1\nname: ${name}\nversion: ${version}\ndescription: The ${name} chart from s3\n`,
  );
  writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\n');
  writeFileSync(
    join(dir, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
  );
  return dir;
}

describe('downloader plugins (real CLI, a shell-script s3:// plugin)', function () {
  const work = mkdtempSync(join(tmpdir(), 'helmts-downloader-'));
  const bucket = join(work, 'bucket');
  const calls = join(work, 'calls.log');
  const home = join(work, 'home');
  const env = { HELMTS_HOME: home, S3_ROOT: bucket, S3_CALLS: calls };
  const callLog = () => (existsSync(calls) ? readFileSync(calls, 'utf8') : '');
  let archive: Buffer;

  before(() => {
    const plugin = join(home, 'plugins', 's3');
    mkdirSync(join(plugin, 'bin'), { recursive: true });
    writeFileSync(
      join(plugin, 'plugin.yaml'),
      'name: s3\nversion: 0.1.0\ndescription: s3 test getter\ndownloaders:\n  - command: bin/get\n    protocols: [s3]\n',
    );
    writeFileSync(join(plugin, 'bin', 'get'), GET_SCRIPT);
    chmodSync(join(plugin, 'bin', 'get'), 0o755);

    // Package the chart through `dependency update` (file:// needs no server), then index it with relative URLs.
    const packer = writeChart(join(work, 'packer'), 'packer', '0.0.1');
    writeChart(join(work, 'src'), 'web', '1.2.0');
    writeFileSync(
      join(packer, 'requirements.yaml'),
      `dependencies:\n- name: web\n  version: 1.2.0\n  repository: file://${join(work, 'src', 'web')}\n`,
    );
    let r = helmts(['dependency', 'update', packer], env);
    assert.equal(r.status, 0, r.stderr);
    mkdirSync(join(bucket, 'charts'), { recursive: true });
    copyFileSync(join(packer, 'charts', 'web-1.2.0.tgz'), join(bucket, 'charts', 'web-1.2.0.tgz'));
    archive = readFileSync(join(bucket, 'charts', 'web-1.2.0.tgz'));
    r = helmts(['repo', 'index', join(bucket, 'charts')], env);
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('repo add fetches index.yaml through the plugin; search lists the chart', () => {
    let r = helmts(['repo', 'add', 's3repo', 's3://bucket/charts', '--ca-file', '/ca.pem'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '"s3repo" has been added to your repositories\n');
    // Helm's downloader arguments: certFile keyFile caFile URL (empty ones too).
    assert.equal(callLog(), '  /ca.pem s3://bucket/charts/index.yaml\n');
    r = helmts(['search', 'web'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\ns3repo\/web\s+1\.2\.0\s+The web chart from s3\s*\n$/);
  });

  it('fetch s3repo/web downloads the archive through the plugin, digest-checked', () => {
    const out = mkdtempSync(join(work, 'out-'));
    const r = helmts(['fetch', 's3repo/web', '-d', out], env);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readFileSync(join(out, 'web-1.2.0.tgz')), archive);
    assert.match(callLog(), /\n {2}\/ca\.pem s3:\/\/bucket\/charts\/web-1\.2\.0\.tgz\n$/);
  });

  it('fetch NAME --repo s3://... reads that index and archive through the plugin', () => {
    const out = mkdtempSync(join(work, 'out-'));
    const r = helmts(['fetch', 'web', '--repo', 's3://bucket/charts', '-d', out], env);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readFileSync(join(out, 'web-1.2.0.tgz')), archive);
  });

  it('fetch of a plain s3:// URL, with --untar', () => {
    const out = mkdtempSync(join(work, 'out-'));
    const r = helmts(['fetch', 's3://bucket/charts/web-1.2.0.tgz', '-d', out, '--untar'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(out, 'web', 'Chart.yaml'), 'utf8'), /^version: 1\.2\.0$/m);
  });

  it('repo update refreshes through the plugin and keeps the old index when the plugin fails', () => {
    let r = helmts(['repo', 'update'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Successfully got an update from the "s3repo" chart repository/);
    rmSync(join(bucket, 'charts', 'index.yaml'));
    r = helmts(['repo', 'update', '--strict'], env);
    assert.notEqual(r.status, 0);
    assert.match(
      r.stdout,
      /Unable to get an update from the "s3repo" chart repository \(s3:\/\/bucket\/charts\):[\s\S]*NoSuchKey: s3:\/\/bucket\/charts\/index\.yaml/,
    );
    r = helmts(['search', 'web'], env);
    assert.match(r.stdout, /s3repo\/web\s+1\.2\.0/);
  });

  it('a failing download names the plugin error and leaves no file behind', () => {
    const out = mkdtempSync(join(work, 'out-'));
    const r = helmts(['fetch', 's3://bucket/charts/missing-0.1.0.tgz', '-d', out], env);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /NoSuchKey: s3:\/\/bucket\/charts\/missing-0\.1\.0\.tgz/);
    assert.equal(existsSync(join(out, 'missing-0.1.0.tgz')), false);
  });

  it("an unknown scheme is refused in Helm 2's words, naming the scheme", () => {
    let r = helmts(['repo', 'add', 'gsrepo', 'gs://bucket/charts'], env);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'Error: Could not find protocol handler for: gs\n');
    r = helmts(['repo', 'list'], env);
    assert.doesNotMatch(r.stdout, /gsrepo/);
    r = helmts(['fetch', 'gs://bucket/charts/web-1.2.0.tgz', '-d', work], env);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /scheme "gs" not supported/);
  });
});
