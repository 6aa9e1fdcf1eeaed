import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The npm that `plugins install` itself runs (the one @oclif/plugin-plugins pins), so a check sees
 * the same registry, cache and resolution as the install after it; else the npm on PATH.
 */
function npmCommand(): { program: string; args: string[] } {
  try {
    const fromPlugins = createRequire(createRequire(import.meta.url).resolve('@oclif/plugin-plugins/package.json'));
    const pjsonPath = fromPlugins.resolve('npm/package.json');
    const bin = (JSON.parse(readFileSync(pjsonPath, 'utf8')) as { bin: { npm: string } }).bin.npm;
    return { program: process.execPath, args: [join(dirname(pjsonPath), bin)] };
  } catch {
    return { program: 'npm', args: [] };
  }
}

export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs npm with `args` in `cwd` and collects what it printed; npm's own failure is in `code`. */
export function runNpm(args: string[], cwd: string): Promise<NpmResult> {
  const { program, args: base } = npmCommand();
  // loaded on use: the SDK reaches this module and child_process costs every command ~3 ms at start
  const { spawn } = process.getBuiltinModule('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...base, ...args, '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
