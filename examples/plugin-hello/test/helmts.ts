import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const exampleDir = fileURLToPath(new URL('..', import.meta.url));

/** The helmts binary of the @helmts/core this plugin depends on. */
export const helmtsBin = join(
  dirname(createRequire(import.meta.url).resolve('@helmts/core/package.json')),
  'bin',
  'run.cjs',
);

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs helmts in a child process without blocking this one (tests serve gRPC meanwhile). */
export function helmts(args: string[], env: Record<string, string>, bin = helmtsBin, cwd?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Compiles a TypeScript project (and what it references) with the repository's compiler. */
export function buildProject(dir: string): void {
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-b', dir], {
    stdio: 'inherit',
  });
}
