// pushImageArchive against a real registry: CNCF Distribution's `registry`, built from Go modules
// and started on 127.0.0.1 by scripts/local-cluster.sh (no cluster needed), in a state dir of its own.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  buildImageArchive,
  listTags,
  pullArtifact,
  pushArtifact,
  pushImageArchive,
  RegistryError,
  type LayerEntry,
} from '../src/index.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/local-cluster.sh', import.meta.url));

const base: LayerEntry[] = [
  { type: 'file', path: '/bin/app', data: Buffer.from('#!fake app\n'), mode: 0o755 },
  { type: 'directory', path: '/tmp', mode: 0o1777 },
];

describe('pushImageArchive to a real registry', function () {
  this.timeout(300_000);
  let stateDir: string;
  let registry: string;
  const script = (...args: string[]) =>
    execFileSync('bash', [SCRIPT, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HELMTS_CLUSTER_DIR: stateDir },
    }).trim();

  before(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'helmts-registry-'));
    registry = script('registry');
  });

  after(() => {
    script('registry-stop');
    rmSync(stateDir, { recursive: true, force: true });
  });

  const manifestAt = async (path: string, ref: string) => {
    const res = await fetch(`http://${registry}/v2/${path}/manifests/${ref}`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    return { status: res.status, digest: res.headers.get('docker-content-digest'), body: await res.text() };
  };

  it('pushes blobs and the manifest under its tag; the registry serves the same bytes and digest', async () => {
    const image = buildImageArchive({ name: `${registry}/helmts/app:1.0`, layers: [base] });
    const file = join(stateDir, 'app.tar');
    writeFileSync(file, image.archive);
    const pushed = await pushImageArchive(file);
    assert.deepEqual(pushed, {
      reference: `${registry}/helmts/app:1.0`,
      digest: image.manifest.digest,
      uploaded: 2,
      skipped: 0,
      bytes: image.config.size + image.layers[0].size,
    });
    const byTag = await manifestAt('helmts/app', '1.0');
    assert.equal(byTag.status, 200);
    assert.equal(byTag.digest, image.manifest.digest);
    const layer = await fetch(`http://${registry}/v2/helmts/app/blobs/${image.layers[0].digest}`);
    assert.equal(layer.status, 200);
    const layerBytes = Buffer.from(await layer.arrayBuffer());
    assert.equal(layerBytes.length, image.layers[0].size);
  });

  it('skips the blobs the registry has: a second tag, and an image sharing a layer', async () => {
    const image = buildImageArchive({ name: `${registry}/helmts/app:1.0`, layers: [base] });
    const again = await pushImageArchive(image.archive, `${registry}/helmts/app:1.1`);
    assert.equal(again.uploaded, 0);
    assert.equal(again.skipped, 2);
    assert.equal((await manifestAt('helmts/app', '1.1')).digest, image.manifest.digest);
    const extra: LayerEntry[] = [{ type: 'file', path: '/etc/motd', data: Buffer.from('hello\n') }];
    const layered = buildImageArchive({ name: `${registry}/helmts/app:2.0`, layers: [base, extra] });
    const pushed = await pushImageArchive(layered.archive);
    assert.equal(pushed.skipped, 1); // the base layer
    assert.equal(pushed.uploaded, 2); // the new config and the new layer
  });

  it('says in one line when the registry cannot be reached or the archive is not an image', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const image = buildImageArchive({ name: `127.0.0.1:${closed}/helmts/app:1.0`, layers: [base] });
    await assert.rejects(
      pushImageArchive(image.archive),
      (error: Error) =>
        error instanceof RegistryError &&
        error.message === `cannot reach the registry 127.0.0.1:${closed}: ECONNREFUSED`,
    );
    await assert.rejects(
      pushImageArchive(Buffer.alloc(1024), `${registry}/helmts/app:bad`),
      /the archive has no index\.json: not an OCI image layout/,
    );
  });

  it('pushes any artifact and pulls it back byte for byte; lists tags; a missing tag or repository is one line', async () => {
    const artifact = {
      config: { mediaType: 'application/vnd.example.config.v1+json', data: Buffer.from('{"a":"<b>"}') },
      layers: [
        { mediaType: 'application/vnd.example.layer.v1', data: Buffer.from('first layer') },
        { mediaType: 'application/vnd.example.other.v1', data: Buffer.from('second layer') },
      ],
      annotations: { zeta: 'z', alpha: 'a & b', empty: '' },
    };
    const pushed = await pushArtifact(`${registry}/things/x:1.0`, artifact);
    assert.equal(pushed.uploaded, 3);
    const stored = await manifestAt('things/x', '1.0');
    assert.equal(stored.digest, pushed.digest);
    // Go's encoding/json: field order, sorted annotations, no spaces, &<> escaped; empty values dropped.
    assert.match(
      stored.body,
      /^\{"schemaVersion":2,"config":\{"mediaType":"application\/vnd\.example\.config\.v1\+json","digest":"sha256:[0-9a-f]{64}","size":11\},"layers":\[.*\],"annotations":\{"alpha":"a \\u0026 b","zeta":"z"\}\}$/,
    );
    const pulled = await pullArtifact(`${registry}/things/x:1.0`);
    assert.equal(pulled.digest, pushed.digest);
    assert.deepEqual(pulled.annotations, { alpha: 'a & b', zeta: 'z' });
    assert.deepEqual(pulled.config.data, artifact.config.data);
    assert.deepEqual(
      pulled.layers.map((l) => [l.mediaType, l.data.toString()]),
      [
        ['application/vnd.example.layer.v1', 'first layer'],
        ['application/vnd.example.other.v1', 'second layer'],
      ],
    );
    assert.equal((await pushArtifact(`${registry}/things/x:1.1`, artifact)).skipped, 3);
    assert.deepEqual((await listTags(`${registry}/things/x`)).sort(), ['1.0', '1.1']);
    await assert.rejects(pullArtifact(`${registry}/things/x:9.9`), {
      name: 'RegistryError',
      message: `${registry}/things/x:9.9: not found`,
    });
    await assert.rejects(listTags(`${registry}/things/none`), {
      name: 'RegistryError',
      message: `${registry}/things/none: no such repository in the registry`,
    });
    await assert.rejects(listTags('no-path'), /invalid repository "no-path": give host\[:port\]\/path/);
  });
});
