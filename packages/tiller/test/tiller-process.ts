// A real Tiller as its own process (src/bin/tiller.ts under tsx), as each replica of an in-cluster
// Deployment runs it: its own pid, its own Lease identity, the shared storage namespace.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { createReleaseServiceClient, type ReleaseServiceClient } from '@helmts/proto';

const tillerBin = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'bin', 'tiller.ts');

export interface TillerProcess {
  child: ChildProcess;
  address: string;
  client: ReleaseServiceClient;
  stop(): Promise<void>;
}

/** Starts `tiller --namespace <namespace>` on a free loopback port, resolves once it listens. */
export async function spawnTiller(namespace: string, extraArgs: string[] = []): Promise<TillerProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      tillerBin,
      '--listen',
      '127.0.0.1:0',
      '--probe-listen',
      '',
      '--namespace',
      namespace,
      ...extraArgs,
    ],
    { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (c) => reject(new Error(`tiller exited ${c} before listening: ${stderr.trim()}`)));
  });
  child.stdout!.resume();
  const client = createReleaseServiceClient(address, grpc.credentials.createInsecure());
  return {
    child,
    address,
    client,
    async stop() {
      client.close();
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
