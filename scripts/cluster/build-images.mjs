#!/usr/bin/env node
// Builds the local node's images as OCI archives, without a Docker daemon or a registry, from
// local binaries and Debian packages (see README.md, "Images"):
//   pause    localhost/helmts/pause:1.0          the sandbox image: the Go pause binary as /pause
//   busybox  localhost/helmts/busybox:<version>  Debian's busybox-static: sh, sleep, httpd, wget, ...
//
//   node scripts/cluster/build-images.mjs OUT_DIR [--pause PAUSE_BINARY] IMAGE...
// Prints one line per image: `<name> <archive>`. Needs packages/oci-image built (npm run build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lib = join(root, 'packages/oci-image/dist/index.js');
if (!existsSync(lib)) {
  console.error(`build-images: ${lib} is missing: run npm run build first`);
  process.exit(1);
}
const { hostFile, writeImageArchive } = await import(lib);

const args = process.argv.slice(2);
const outDir = args.shift();
let pauseBinary;
const wanted = [];
while (args.length) {
  const a = args.shift();
  if (a === '--pause') pauseBinary = args.shift();
  else wanted.push(a);
}
if (!outDir || wanted.length === 0) {
  console.error('usage: build-images.mjs OUT_DIR [--pause PAUSE_BINARY] pause|busybox...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const passwd = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
const group = 'root:x:0:\nnogroup:x:65534:\n';

const images = {
  async pause() {
    if (!pauseBinary)
      throw new Error('the pause image needs --pause PAUSE_BINARY (scripts/local-cluster.sh build makes it)');
    return {
      name: 'localhost/helmts/pause:1.0',
      layers: [[await hostFile(pauseBinary, '/pause', 0o755)]],
      config: { entrypoint: ['/pause'], user: '65535:65535' },
    };
  },
  async busybox() {
    const bin = ['/bin/busybox', '/usr/bin/busybox'].find((p) => existsSync(p));
    if (!bin)
      throw new Error('busybox is not installed: apt-get install busybox-static (scripts/install-cluster-deps.sh)');
    // A static busybox only: a dynamic one would need its libraries in the image.
    const file = execFileSync('sh', ['-c', `ldd ${bin} 2>&1 || true`]).toString();
    if (!/not a dynamic executable|statically linked/.test(file)) {
      throw new Error(`${bin} is dynamically linked: install busybox-static`);
    }
    const version = /BusyBox v(\d+\.\d+\.\d+)/.exec(execFileSync(bin, ['--help']).toString())?.[1];
    if (!version) throw new Error(`cannot read the version of ${bin}`);
    const applets = execFileSync(bin, ['--list'])
      .toString()
      .split('\n')
      .filter((a) => a && a !== 'busybox');
    const text = (path, data, mode) => ({ type: 'file', path, data: Buffer.from(data), mode });
    return {
      name: `localhost/helmts/busybox:${version}`,
      layers: [
        [
          await hostFile(bin, '/bin/busybox', 0o755),
          ...applets.map((a) => ({ type: 'symlink', path: `/bin/${a}`, target: 'busybox' })),
          text('/etc/passwd', passwd),
          text('/etc/group', group),
          { type: 'directory', path: '/tmp', mode: 0o1777 },
          { type: 'directory', path: '/root', mode: 0o700 },
          text('/www/index.html', 'helmts busybox\n'),
        ],
      ],
      config: { env: ['PATH=/bin'], cmd: ['sh'] },
    };
  },
};

for (const what of wanted) {
  if (!images[what]) {
    console.error(`build-images: unknown image ${what} (known: ${Object.keys(images).join(', ')})`);
    process.exit(2);
  }
  try {
    const spec = await images[what]();
    const file = join(outDir, `${what}.tar`);
    await writeImageArchive(file, spec);
    console.log(`${spec.name} ${file}`);
  } catch (e) {
    console.error(`build-images: ${what}: ${e.message}`);
    process.exit(1);
  }
}
