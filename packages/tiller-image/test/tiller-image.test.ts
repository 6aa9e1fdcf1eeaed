// The Tiller image: same inputs → same digest, and the image's own file system runs Tiller as
// nobody with the root file system read-only (a chroot in a private mount namespace, as root).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildTillerImage, lddLibraries, TILLER_ENTRY } from '../src/index.js';

describe('Tiller image', function () {
  this.timeout(180_000);
  let dir: string;
  let first: Awaited<ReturnType<typeof buildTillerImage>>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tiller-image-'));
    first = await buildTillerImage({ out: join(dir, 'a.tar'), name: 'localhost/helmts/tiller:test' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads library paths from ldd output, the loader included', () => {
    const out =
      '\tlinux-vdso.so.1 (0x00007ffd)\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n' +
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f4)\n';
    assert.deepEqual(lddLibraries(out), ['/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2']);
  });

  it('gives the same digest and the same archive bytes for the same inputs', async () => {
    const a = first;
    const b = await buildTillerImage({ out: join(dir, 'b.tar'), name: 'localhost/helmts/tiller:test' });
    assert.equal(a.manifest.digest, b.manifest.digest);
    assert.ok(readFileSync(join(dir, 'a.tar')).equals(readFileSync(join(dir, 'b.tar'))), 'archives differ');
    assert.equal(a.layers.length, 2);
    rmSync(join(dir, 'b.tar'));
  });

  it('runs Tiller from the image as nobody on a read-only root; /readiness answers', async function () {
    if (process.getuid?.() !== 0) this.skip(); // chroot and mount namespaces need root (CI runs as root)
    const root = join(dir, 'root');
    execFileSync('mkdir', ['-p', root]);
    const oci = join(dir, 'oci');
    execFileSync('mkdir', ['-p', oci]);
    execFileSync('tar', ['-xf', join(dir, 'a.tar'), '-C', oci]);
    const index = JSON.parse(readFileSync(join(oci, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    const blob = (digest: string) => join(oci, 'blobs', 'sha256', digest.slice('sha256:'.length));
    const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8')) as {
      layers: { digest: string }[];
    };
    for (const layer of manifest.layers) execFileSync('tar', ['-xf', blob(layer.digest), '-C', root]);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const script =
      `mount --bind ${root} ${root} && mount -o remount,ro,bind ${root} && mount -t tmpfs tmpfs ${root}/tmp && ` +
      `exec chroot --userspec=65534:65534 ${root} /usr/local/bin/node ${TILLER_ENTRY} ` +
      `--listen 127.0.0.1:${port} --probe-listen 127.0.0.1:${port + 1} --storage memory`;
    const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/tmp' };
    const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], { env, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      let answer = '';
      for (let i = 0; i < 100 && !answer; i++) {
        await new Promise((r) => setTimeout(r, 100));
        answer = await fetch(`http://127.0.0.1:${port + 1}/readiness`)
          .then((r) => r.text())
          .catch(() => '');
      }
      assert.equal(answer.trim(), 'ok', `Tiller from the image did not become ready:\n${output}`);
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      assert.equal(uid, '65534');
      assert.doesNotMatch(output, /EROFS|read-only/i);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
