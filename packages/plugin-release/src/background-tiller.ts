import { spawn } from 'node:child_process';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { HelmtsError, type Settings, settingsEnvironment } from '@helmts/core';

import { backgroundTillerFile } from './tiller/connection.js';

export interface BackgroundTillerState {
  pid: number;
  address: string;
  log: string;
  storage: string;
  namespace: string;
  startedAt: string;
}

function tillerBin(): string {
  const pjson = fileURLToPath(import.meta.resolve('@helmts/tiller/package.json'));
  return join(dirname(pjson), 'bin', 'tiller.js');
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function readBackgroundTiller(settings: Settings): Promise<BackgroundTillerState | undefined> {
  try {
    const state = JSON.parse(await readFile(backgroundTillerFile(settings), 'utf8')) as BackgroundTillerState;
    return alive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

async function waitForPort(address: string, pid: number, timeoutMs: number): Promise<void> {
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid))
      throw new HelmtsError('Tiller exited during start-up', { hint: 'see its log file for the reason' });
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new HelmtsError(`Tiller did not start listening on ${address} within ${timeoutMs / 1000}s`);
}

/** `helmts tiller start`: the bundled Tiller as a background process for this shell session. */
export async function startBackgroundTiller(
  settings: Settings,
  options: { storage: string; listen?: string },
): Promise<BackgroundTillerState> {
  const running = await readBackgroundTiller(settings);
  if (running) return running;
  const address = options.listen ?? `127.0.0.1:${await freeLoopbackPort()}`;
  const file = backgroundTillerFile(settings);
  await mkdir(dirname(file), { recursive: true });
  const log = join(dirname(file), 'tiller.log');
  const out = await open(log, 'a');
  // No probe listener (`--probe-listen=`): the bin's default, Helm 2's 127.0.0.1:44135, is taken by
  // any other Tiller on the machine (a Helm 2 one, an in-cluster one on the host network), and this
  // Tiller is watched through its gRPC port and pid instead.
  const args = [tillerBin(), '--listen', address, '--probe-listen=', '--storage', options.storage];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', out.fd, out.fd],
    env: { ...process.env, ...settingsEnvironment(settings) },
  });
  child.unref();
  await out.close();
  if (!child.pid) throw new HelmtsError('could not start Tiller');
  await waitForPort(address, child.pid, 30_000);
  const state: BackgroundTillerState = {
    pid: child.pid,
    address,
    log,
    storage: options.storage,
    namespace: settings.tillerNamespace,
    startedAt: new Date().toISOString(),
  };
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

export async function stopBackgroundTiller(settings: Settings): Promise<BackgroundTillerState | undefined> {
  const state = await readBackgroundTiller(settings);
  if (state) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (alive(state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
  }
  await rm(backgroundTillerFile(settings), { force: true });
  return state;
}
