import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The helmts binary of this checkout (core's bin, which loads every workspace plugin). */
export const HELMTS_BIN = fileURLToPath(new URL('../../core/bin/run.cjs', import.meta.url));

/**
 * `init` downloads the stable repository's index (https://charts.helm.sh/stable by default); tests
 * must never reach it. Unless a test sets it, the stable URL is a closed loopback port: a forgotten
 * `--skip-repos` costs one warning line, never a request off this machine.
 */
const NO_STABLE_REPOSITORY = { HELMTS_STABLE_REPO_URL: 'http://127.0.0.1:9/stable-is-not-fetched-in-tests' };

export interface HelmtsResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunHelmtsOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  bin?: string;
}

/** Runs `helmts ARGS` in a child process, as a user would (no colours, no TTY). */
export function runHelmts(args: string[], options: RunHelmtsOptions = {}): HelmtsResult {
  const result = spawnSync(process.execPath, [options.bin ?? HELMTS_BIN, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, ...NO_STABLE_REPOSITORY, NO_COLOR: '1', ...options.env },
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Same, without blocking the event loop (needed when the test process also hosts a server). */
export function runHelmtsAsync(args: string[], options: RunHelmtsOptions = {}): Promise<HelmtsResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? HELMTS_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...NO_STABLE_REPOSITORY, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
