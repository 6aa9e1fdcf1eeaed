import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** The real helmts binary (core's), which loads this workspace plugin from its built dist/. */
const CLI = join(dirname(require.resolve('@helmts/core/package.json')), 'bin', 'run.cjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `helmts` in a child process with stdin/stdout pipes, as CI would (never a terminal). */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `helmts ARGS` on a pseudo-terminal (util-linux `script`), pressing `keys` once the output
 * contains `when`: what a user at a terminal does. Resolves with the exit code and the output.
 */
export function runCliOnTerminal(
  args: string[],
  options: { cwd: string; when: RegExp; keys: string },
): Promise<{ status: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: options.cwd,
    // a user at a terminal, not a CI job: with CI set (as the suite runs in CI) create never asks
    env: { ...process.env, CI: undefined, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let pressed = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    output += d;
    if (!pressed && options.when.test(output)) {
      pressed = true;
      child.stdin.write(options.keys);
    }
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}
