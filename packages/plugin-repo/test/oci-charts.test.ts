// Charts as OCI artifacts against a real registry (CNCF Distribution, started on 127.0.0.1 by
// scripts/local-cluster.sh in a state dir of its own, no cluster needed): `helmts push`, and
// `helmts fetch oci://` (what install/upgrade resolve through too), beside the real helm v4's
// push and pull, which must read what helmts wrote and write what helmts reads.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { helm, helmBinary, helmts } from './cli.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/local-cluster.sh', import.meta.url));

describe('charts in an OCI registry (helmts push, fetch oci://)', function () {
  this.timeout(300_000);
  let work: string;
  let registry: string;
  let env: Record<string, string>;
  const script = (...args: string[]) =>
    execFileSync('bash', [SCRIPT, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HELMTS_CLUSTER_DIR: join(work, 'state') },
    }).trim();

  /** A chart packaged by helmts, its archive dated 2021-03-04T05:06:07Z (the `created` annotation). */
  const packaged = (name: string, version: string, extra = ''): string => {
    const dir = join(work, 'src', `${name}-${version}`, name);
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(
      join(dir, 'Chart.yaml'),
      `apiVersion: v1\nname: ${name}\nversion: ${version}\ndescription: A <${name}> & chart\n${extra}`,
    );
    writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\n');
    writeFileSync(
      join(dir, 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting }}\n',
    );
    const out = join(work, 'pkg');
    mkdirSync(out, { recursive: true });
    const r = helmts(['package', dir, '-d', out], env);
    assert.equal(r.status, 0, r.stderr);
    const file = join(out, `${name}-${version}.tgz`);
    utimesSync(file, new Date('2021-03-04T05:06:07Z'), new Date('2021-03-04T05:06:07Z'));
    return file;
  };
  const manifest = async (path: string, tag: string) => {
    const res = await fetch(`http://${registry}/v2/${path}/manifests/${tag}`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    assert.equal(res.status, 200, `${path}:${tag}`);
    return {
      digest: res.headers.get('docker-content-digest')!,
      body: JSON.parse(await res.text()) as {
        config: { mediaType: string; digest: string };
        layers: { mediaType: string; digest: string }[];
        annotations: Record<string, string>;
      },
    };
  };
  const freshDir = (name: string) => {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'helmts-oci-charts-'));
    env = { HELMTS_HOME: join(work, 'home'), HELM_HOME: join(work, 'home') };
    registry = script('registry');
  });

  after(() => {
    script('registry-stop');
    rmSync(work, { recursive: true, force: true });
  });

  it('push stores the chart as Helm does under NAME:VERSION (+ as _); fetch gets the same bytes back', async () => {
    const rich = packaged(
      'rich',
      '1.2.3+build.7',
      'home: https://example.com/rich\nsources: [https://src.example.com/a]\nmaintainers:\n  - {name: Ann, email: ann@example.com}\n  - {name: Bob}\nannotations:\n  zeta: "1"\n  org.opencontainers.image.title: ignored\n',
    );
    const r = helmts(['push', rich, `oci://${registry}/charts`], env);
    assert.equal(r.status, 0, r.stderr);
    const stored = await manifest('charts/rich', '1.2.3_build.7');
    assert.equal(r.stderr, `Pushed: ${registry}/charts/rich:1.2.3_build.7\nDigest: ${stored.digest}\n`);
    assert.equal(r.stdout, '');
    assert.equal(stored.body.config.mediaType, 'application/vnd.cncf.helm.config.v1+json');
    assert.deepEqual(
      stored.body.layers.map((l) => l.mediaType),
      ['application/vnd.cncf.helm.chart.content.v1.tar+gzip'],
    );
    assert.deepEqual(stored.body.annotations, {
      'org.opencontainers.image.authors': 'Ann (ann@example.com), Bob',
      'org.opencontainers.image.created': '2021-03-04T05:06:07Z',
      'org.opencontainers.image.description': 'A <rich> & chart',
      'org.opencontainers.image.source': 'https://src.example.com/a',
      'org.opencontainers.image.title': 'rich',
      'org.opencontainers.image.url': 'https://example.com/rich',
      'org.opencontainers.image.version': '1.2.3+build.7',
      zeta: '1',
    });
    const config = await fetch(`http://${registry}/v2/charts/rich/blobs/${stored.body.config.digest}`);
    assert.deepEqual(JSON.parse(await config.text()), {
      name: 'rich',
      home: 'https://example.com/rich',
      sources: ['https://src.example.com/a'],
      version: '1.2.3+build.7',
      description: 'A <rich> & chart',
      maintainers: [{ name: 'Ann', email: 'ann@example.com' }, { name: 'Bob' }],
      apiVersion: 'v1',
      annotations: { 'org.opencontainers.image.title': 'ignored', zeta: '1' },
    });

    const into = freshDir('fetched-rich');
    const f = helmts(['fetch', `oci://${registry}/charts/rich`, '-d', into], env);
    assert.equal(f.status, 0, f.stderr);
    assert.equal(f.stderr, `Pulled: ${registry}/charts/rich:1.2.3_build.7\nDigest: ${stored.digest}\n`);
    assert.deepEqual(readdirSync(into), ['rich-1.2.3+build.7.tgz']);
    assert.deepEqual(readFileSync(join(into, 'rich-1.2.3+build.7.tgz')), readFileSync(rich));
  });

  it('fetch picks versions from the tags: newest stable, a constraint, --devel, an exact version; --untar', () => {
    for (const version of ['0.1.0', '0.1.5', '0.2.0', '0.3.0-rc.1'])
      assert.equal(helmts(['push', packaged('pick', version), `oci://${registry}/charts`], env).status, 0);
    const got = (args: string[]) => {
      const dir = freshDir(`pick-${args.join('_').replace(/[^\w.-]/g, '')}`);
      const r = helmts(['pull', `oci://${registry}/charts/pick`, '-d', dir, ...args], env);
      assert.equal(r.status, 0, r.stderr);
      return readdirSync(dir).join(' ');
    };
    assert.equal(got([]), 'pick-0.2.0.tgz');
    assert.equal(got(['--version', '~0.1']), 'pick-0.1.5.tgz');
    assert.equal(got(['--devel']), 'pick-0.3.0-rc.1.tgz');
    assert.equal(got(['--version', '0.1.0']), 'pick-0.1.0.tgz');
    const dir = freshDir('pick-untar');
    assert.equal(helmts(['fetch', `oci://${registry}/charts/pick:0.1.5`, '--untar', '-d', dir], env).status, 0);
    assert.match(readFileSync(join(dir, 'pick', 'Chart.yaml'), 'utf8'), /version: 0\.1\.5/);
  });

  it('mistakes and a registry that is not there are one line, exit 1', async () => {
    const chart = packaged('oops', '1.0.0');
    const closed = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => done(port));
      });
    });
    assert.equal(helmts(['push', chart, `oci://${registry}/charts`], env).status, 0);
    const cases: [string[], RegExp][] = [
      [
        ['fetch', `oci://${registry}/charts/nothing`],
        /^Error: .*charts\/nothing: no such repository in the registry\n/,
      ],
      [['fetch', `oci://${registry}/charts/oops`, '--version', '9.9.9'], /^Error: .*charts\/oops:9\.9\.9: not found\n/],
      [
        ['fetch', `oci://${registry}/charts/oops`, '--version', '~7'],
        /^Error: no tag of .*charts\/oops matches version "~7" \(tags: /,
      ],
      [['push', chart, `oci://${registry}/charts:1.0.0`], /^Error: .*names a tag: push to the repository/],
      [
        ['push', chart, `oci://${registry}/Charts`],
        /^Error: invalid OCI reference ".*\/Charts\/oops:1\.0\.0"\nHint: an OCI reference is/,
      ],
      [
        ['fetch', `oci://${registry}/Charts/oops`, '--version', '1.0.0'],
        /^Error: invalid OCI reference ".*\/Charts\/oops:1\.0\.0"\n/,
      ],
      [
        ['push', join(work, 'missing.tgz'), `oci://${registry}/charts`],
        /^Error: cannot read the chart archive .*ENOENT\n/,
      ],
      [
        ['push', chart, `oci://127.0.0.1:${closed}/charts`],
        new RegExp(
          `^Error: pushing 127\\.0\\.0\\.1:${closed}/charts/oops:1\\.0\\.0: cannot reach the registry 127\\.0\\.0\\.1:${closed}: ECONNREFUSED\\n$`,
        ),
      ],
    ];
    for (const [args, expected] of cases) {
      const r = helmts(args, env);
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected, args.join(' '));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack');
    }
  });

  describe('with the real helm v4', function () {
    const bin = helmBinary();
    before(function () {
      if (!bin) this.skip();
    });

    it('helm pull reads what helmts pushed; helm push of the same archive stores the same digest', async () => {
      const chart = packaged('both', '2.0.0', 'maintainers:\n  - {name: Ann, email: ann@example.com}\n');
      assert.equal(helmts(['push', chart, `oci://${registry}/ours`], env).status, 0);
      const homes = join(work, 'helm-homes');
      const into = freshDir('helm-pulled');
      const p = helm(
        bin!,
        ['pull', `oci://${registry}/ours/both`, '--version', '2.0.0', '--plain-http', '-d', into],
        homes,
      );
      assert.equal(p.status, 0, p.stderr);
      assert.deepEqual(readFileSync(join(into, 'both-2.0.0.tgz')), readFileSync(chart));
      const h = helm(bin!, ['push', chart, `oci://${registry}/theirs`, '--plain-http'], homes);
      assert.equal(h.status, 0, h.stderr);
      assert.equal((await manifest('theirs/both', '2.0.0')).digest, (await manifest('ours/both', '2.0.0')).digest);
    });

    it('helmts fetch reads what helm pushed', () => {
      const chart = packaged('helmmade', '0.4.0');
      const homes = join(work, 'helm-homes');
      assert.equal(helm(bin!, ['push', chart, `oci://${registry}/theirs`, '--plain-http'], homes).status, 0);
      const into = freshDir('from-helm');
      const f = helmts(['fetch', `oci://${registry}/theirs/helmmade`, '-d', into], env);
      assert.equal(f.status, 0, f.stderr);
      assert.deepEqual(readFileSync(join(into, 'helmmade-0.4.0.tgz')), readFileSync(chart));
    });
  });
});
