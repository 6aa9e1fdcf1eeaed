import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../bin/run.cjs', import.meta.url));

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

/** Runs the real `helmts` binary in a child process, as a user would. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd?: string,
  bin = CLI,
): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd,
    env: { ...process.env, ...NO_STABLE_REPOSITORY, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Same, without blocking the event loop (for tests that host a server in this process). */
export function runCliAsync(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...NO_STABLE_REPOSITORY, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
