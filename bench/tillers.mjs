// The two Tillers the benches run beside the local cluster: helmts' (as `helmts tiller start` runs
// it) and the real Helm 2.17 tiller (shared/tools/helm2-oracle.sh), each on a free loopback port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A port nothing listens on at the moment, on 127.0.0.1. */
const freePort = () =>
  new Promise((resolvePort) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

/** helmts' Tiller storing in `namespace`, once it says where it listens: `{child, address}`. */
export function startHelmtsTiller(namespace) {
  const child = spawn(
    process.execPath,
    [
      join(repo, 'packages/tiller/bin/tiller.js'),
      '--listen',
      '127.0.0.1:0',
      '--probe-listen',
      '',
      '--namespace',
      namespace,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'], env: process.env },
  );
  return new Promise((resolveTiller, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening (\S+)/.exec(out);
      if (m) resolveTiller({ child, address: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`tiller exited ${code}`)));
  });
}

/** The real Helm 2.17 tiller from `helm2Dir`, storing ConfigMaps in `namespace`, once its readiness probe answers. */
export async function startHelm2Tiller(helm2Dir, namespace) {
  const [port, probe] = [await freePort(), await freePort()];
  const child = spawn(
    join(helm2Dir, 'tiller'),
    ['--listen', `127.0.0.1:${port}`, '--probe-listen', `127.0.0.1:${probe}`, '--storage', 'configmap'],
    { stdio: 'ignore', env: { ...process.env, TILLER_NAMESPACE: namespace } },
  );
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`http://127.0.0.1:${probe}/readiness`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, address: `127.0.0.1:${port}` };
}
