import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readTarEntries } from '@helmts/archive';
import {
  buildImageArchive,
  hostTree,
  InvalidImageError,
  MEDIA_TYPES,
  writeImageArchive,
  type LayerEntry,
} from '../src/index.js';

const files: LayerEntry[] = [
  { type: 'file', path: '/bin/busybox', data: Buffer.from('#!fake busybox\n'), mode: 0o755 },
  { type: 'symlink', path: '/bin/sh', target: 'busybox' },
  { type: 'directory', path: '/tmp', mode: 0o1777 },
  { type: 'file', path: 'etc/passwd', data: Buffer.from('root:x:0:0:root:/:/bin/sh\n') },
];

/** name → bytes of every regular file in a tar. */
function tarFiles(tar: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readTarEntries(tar)) {
    if (e.type === 'file') out.set(e.name, tar.subarray(e.dataOffset, e.dataOffset + e.size));
  }
  return out;
}

const sha = (b: Uint8Array) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

describe('oci-image › buildImageArchive', () => {
  it('gives the same bytes and digests for the same inputs, whatever their order', () => {
    const a = buildImageArchive({ name: 'localhost/helmts/busybox:1.35', layers: [files], config: { cmd: ['sh'] } });
    const b = buildImageArchive({
      name: 'localhost/helmts/busybox:1.35',
      layers: [[...files].reverse()],
      config: { cmd: ['sh'] },
    });
    assert.equal(a.manifest.digest, b.manifest.digest);
    assert.ok(a.archive.equals(b.archive));
    const c = buildImageArchive({ name: 'localhost/helmts/busybox:1.35', layers: [files], config: { cmd: ['ls'] } });
    assert.notEqual(c.manifest.digest, a.manifest.digest, 'a different config changes the digest');
    assert.equal(c.layers[0].digest, a.layers[0].digest, 'but not the layer');
  });

  it('writes an OCI image layout whose blobs match their digests', () => {
    const image = buildImageArchive({
      name: 'localhost/helmts/busybox:1.35',
      layers: [files, [{ type: 'file', path: '/www/index.html', data: Buffer.from('hi\n') }]],
      config: {
        env: ['PATH=/bin'],
        entrypoint: ['/bin/busybox'],
        cmd: ['sleep', '3600'],
        user: '65534',
        workingDir: '/tmp',
        exposedPorts: ['8080/tcp'],
      },
    });
    const outer = readTarEntries(image.archive);
    assert.deepEqual(
      outer.map((e) => e.name),
      [
        'blobs/',
        'blobs/sha256/',
        ...outer.filter((e) => e.name.startsWith('blobs/sha256/') && e.type === 'file').map((e) => e.name),
        'index.json',
        'oci-layout',
      ],
    );
    const blobs = tarFiles(image.archive);
    for (const [name, data] of blobs) {
      if (name.startsWith('blobs/sha256/')) assert.equal(sha(data), `sha256:${name.slice('blobs/sha256/'.length)}`);
    }
    assert.deepEqual(JSON.parse(blobs.get('oci-layout')!.toString()), { imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(blobs.get('index.json')!.toString());
    assert.equal(index.manifests.length, 1);
    assert.equal(index.manifests[0].digest, image.manifest.digest);
    assert.deepEqual(index.manifests[0].annotations, {
      'io.containerd.image.name': 'localhost/helmts/busybox:1.35',
      'org.opencontainers.image.ref.name': '1.35',
    });
    assert.deepEqual(index.manifests[0].platform, { architecture: 'amd64', os: 'linux' });
    const manifest = JSON.parse(blobs.get(`blobs/sha256/${image.manifest.digest.slice(7)}`)!.toString());
    assert.equal(manifest.mediaType, MEDIA_TYPES.manifest);
    assert.equal(manifest.layers.length, 2);
    assert.equal(manifest.layers[0].mediaType, MEDIA_TYPES.layer);
    const config = JSON.parse(blobs.get(`blobs/sha256/${manifest.config.digest.slice(7)}`)!.toString());
    assert.deepEqual(config.config, {
      User: '65534',
      ExposedPorts: { '8080/tcp': {} },
      Env: ['PATH=/bin'],
      Entrypoint: ['/bin/busybox'],
      Cmd: ['sleep', '3600'],
      WorkingDir: '/tmp',
    });
    // Uncompressed layers: the diff id is the blob's own digest.
    assert.deepEqual(
      config.rootfs.diff_ids,
      manifest.layers.map((l: { digest: string }) => l.digest),
    );
  });

  it('writes layers sorted, with parent directories, root-owned and dated 0', () => {
    const image = buildImageArchive({ name: 'localhost/x/y:1', layers: [files] });
    const layer = tarFiles(image.archive).get(`blobs/sha256/${image.layers[0].digest.slice(7)}`)!;
    const entries = readTarEntries(layer);
    assert.deepEqual(
      entries.map((e) => [e.name, e.type, e.mode.toString(8), e.linkName]),
      [
        ['bin/', 'directory', '755', ''],
        ['bin/busybox', 'file', '755', ''],
        ['bin/sh', 'symlink', '777', 'busybox'],
        ['etc/', 'directory', '755', ''],
        ['etc/passwd', 'file', '644', ''],
        ['tmp/', 'directory', '1777', ''],
      ],
    );
    for (const e of entries) {
      const h = layer.subarray(e.dataOffset - 512, e.dataOffset);
      assert.equal(h.subarray(108, 115).toString(), '0000000', `${e.name} uid`);
      assert.equal(h.subarray(116, 123).toString(), '0000000', `${e.name} gid`);
      assert.equal(h.subarray(136, 147).toString(), '00000000000', `${e.name} mtime`);
    }
  });

  it('gzips layers on request, keeping the diff id of the uncompressed tar', () => {
    const plain = buildImageArchive({ name: 'localhost/x/y:1', layers: [files] });
    const gz = buildImageArchive({ name: 'localhost/x/y:1', layers: [files], gzip: true });
    assert.equal(gz.layers[0].mediaType, MEDIA_TYPES.layerGzip);
    assert.equal(gz.layers[0].diffId, plain.layers[0].diffId);
    const blob = tarFiles(gz.archive).get(`blobs/sha256/${gz.layers[0].digest.slice(7)}`)!;
    assert.equal(sha(gunzipSync(blob)), plain.layers[0].diffId);
    assert.ok(buildImageArchive({ name: 'localhost/x/y:1', layers: [files], gzip: true }).archive.equals(gz.archive));
  });

  it('refuses names without a host or tag, bad paths and conflicting entries', () => {
    for (const name of ['busybox', 'busybox:1', 'localhost/busybox', 'localhost/BusyBox:1', 'localhost/x:']) {
      assert.throws(() => buildImageArchive({ name, layers: [files] }), InvalidImageError, name);
    }
    assert.throws(
      () => buildImageArchive({ name: 'localhost/x/y:1', layers: [[{ type: 'directory', path: '/../etc' }]] }),
      /invalid path in image layer: "\/..\/etc"/,
    );
    assert.throws(
      () =>
        buildImageArchive({
          name: 'localhost/x/y:1',
          layers: [
            [
              { type: 'directory', path: '/a' },
              { type: 'directory', path: 'a/' },
            ],
          ],
        }),
      /a is given twice/,
    );
    assert.throws(
      () =>
        buildImageArchive({
          name: 'localhost/x/y:1',
          layers: [
            [
              { type: 'symlink', path: '/a', target: 'b' },
              { type: 'directory', path: '/a/c' },
            ],
          ],
        }),
      /a is a symlink in the image layer but a\/c is below it/,
    );
    assert.throws(() => buildImageArchive({ name: 'localhost/x/y:1', layers: [] }), /has no layers/);
  });
});

describe('oci-image › host files', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oci-image-'));
    await mkdir(join(dir, 'app/lib'), { recursive: true });
    await writeFile(join(dir, 'app/run.sh'), '#!/bin/sh\n');
    await chmod(join(dir, 'app/run.sh'), 0o755);
    await writeFile(join(dir, 'app/lib/a.js'), 'a');
    await symlink('lib/a.js', join(dir, 'app/a.js'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads a tree with its modes and symbolic links, and writes the archive to a file', async () => {
    const entries = await hostTree(join(dir, 'app'), '/srv/app');
    assert.deepEqual(
      entries.map((e) => [e.path, e.type, e.type === 'symlink' ? e.target : (e.mode! & 0o777).toString(8)]),
      [
        ['srv/app', 'directory', '755'],
        ['srv/app/a.js', 'symlink', 'lib/a.js'],
        ['srv/app/lib', 'directory', '755'],
        ['srv/app/lib/a.js', 'file', '644'],
        ['srv/app/run.sh', 'file', '755'],
      ],
    );
    const out = join(dir, 'image.tar');
    const image = await writeImageArchive(out, { name: 'localhost/helmts/app:1', layers: [entries] });
    const { readFile } = await import('node:fs/promises');
    assert.ok((await readFile(out)).equals(image.archive));
  });
});
